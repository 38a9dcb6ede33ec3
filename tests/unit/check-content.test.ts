import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkContent } from '../../src/lib/content/check';
import { formatProblems, type Problem } from '../../src/lib/content/problems';
import { readContentFiles } from '../../scripts/read-content';

const fixtures = join(import.meta.dirname, '../fixtures');
const check = (name: string) => checkContent(readContentFiles(name, fixtures));
const problemsOf = (name: string): Problem[] => {
  const result = check(name);
  if (result.ok) throw new Error(`fixture ${name} was expected to fail`);
  return result.problems;
};

describe('checkContent rejects bad topics, naming file, field and fix', () => {
  const cases: { fixture: string; file: string; field: string; message: RegExp; fix?: RegExp }[] = [
    {
      fixture: 'unknown-prerequisite',
      file: 'unknown-prerequisite/entry/convolution.mdx',
      field: 'prerequisites[0].id',
      message: /no topic has the id "matrix-operation"/,
      fix: /did you mean "matrix-operations"/,
    },
    {
      fixture: 'self-prerequisite',
      file: 'self-prerequisite/entry/convolution.mdx',
      field: 'prerequisites[0].id',
      message: /lists itself/,
      fix: /remove this entry/,
    },
    {
      fixture: 'cycle',
      file: 'cycle/entry/alpha.mdx',
      field: 'prerequisites',
      message: /alpha → beta → gamma → alpha/,
      fix: /remove one edge/,
    },
    {
      fixture: 'duplicate-id',
      file: 'duplicate-id/intermediate/convolution.mdx',
      field: '(file name)',
      message: /"convolution" is already used by duplicate-id\/entry\/convolution\.mdx/,
      fix: /rename/,
    },
    {
      fixture: 'duplicate-prerequisite',
      file: 'duplicate-prerequisite/entry/matrices.mdx',
      field: 'prerequisites[1].id',
      message: /"notation" is listed more than once/,
    },
    {
      fixture: 'higher-level-prerequisite',
      file: 'higher-level-prerequisite/entry/dense.mdx',
      field: 'prerequisites[0].id',
      message: /"backprop" is at Intermediate level, above this Entry topic/,
    },
    {
      fixture: 'missing-field',
      file: 'missing-field/entry/notation.mdx',
      field: 'level',
      message: /is missing/,
      fix: /add "level"/,
    },
    {
      fixture: 'invalid-field',
      file: 'invalid-field/entry/notation.mdx',
      field: 'level',
      message: /Invalid enum value/,
      fix: /use one of: entry, intermediate, advanced, expert/,
    },
    {
      fixture: 'invalid-field',
      file: 'invalid-field/entry/notation.mdx',
      field: 'description',
      message: /exactly one sentence/,
    },
    {
      fixture: 'invalid-field',
      file: 'invalid-field/entry/notation.mdx',
      field: 'hours',
      message: /positive/,
    },
    {
      fixture: 'invalid-field',
      file: 'invalid-field/entry/notation.mdx',
      field: 'resources[0].kind',
      message: /Invalid enum value/,
      fix: /paper, course, book, docs, video, article, tool/,
    },
    {
      fixture: 'bad-url',
      file: 'bad-url/entry/notation.mdx',
      field: 'resources[0].url',
      message: /must start with http:\/\/ or https:\/\//,
    },
    {
      fixture: 'malformed-yaml',
      file: 'malformed-yaml/entry/notation.mdx',
      field: '(frontmatter)',
      message: /not valid YAML at line \d+/,
    },
    {
      fixture: 'level-folder-mismatch',
      file: 'level-folder-mismatch/entry/notation.mdx',
      field: 'level',
      message: /is in content\/entry\/ but says level "intermediate"/,
    },
  ];

  it.each(cases)('$fixture: $field', ({ fixture, file, field, message, fix }) => {
    const problems = problemsOf(fixture);
    const match = problems.find((p) => p.file === file && p.field === field);
    expect(match, formatProblems(problems)).toBeDefined();
    expect(match!.message).toMatch(message);
    if (fix) expect(match!.fix).toMatch(fix);
  });

  it('prints a cycle once, whole, even with a topic hanging off it', () => {
    const cycles = problemsOf('cycle').filter((p) => p.message.includes('cycle'));
    expect(cycles).toHaveLength(1);
  });

  it('reports every problem of a run at once', () => {
    const problems = problemsOf('many-problems');
    expect(problems.map((p) => `${p.file} ${p.field}`).sort()).toEqual([
      'many-problems/entry/one.mdx prerequisites[0].id',
      'many-problems/entry/three.mdx prerequisites[0].id',
      'many-problems/entry/two.mdx resources[0].url',
    ]);
    const text = formatProblems(problems);
    expect(text).toMatch(/^3 content problems found:/);
    expect(text).toContain('fix:');
  });
});

describe('the derived graph of a small known set', () => {
  const result = check('valid');
  if (!result.ok) throw new Error(formatProblems(result.problems));
  const { graph } = result;

  it('orders every topic after its prerequisites, by level then category between free choices', () => {
    expect(graph.order).toEqual(['datasets', 'notation', 'calculus', 'matrices', 'backprop']);
  });

  it('measures depth as the longest prerequisite chain', () => {
    expect(Object.fromEntries(graph.depth)).toEqual({ datasets: 0, notation: 0, calculus: 1, matrices: 1, backprop: 2 });
  });

  it('lists prerequisites with their reasons and what each topic unlocks', () => {
    expect(graph.prerequisitesOf.get('backprop')!.map((e) => e.from)).toEqual(['matrices', 'calculus']);
    expect(graph.prerequisitesOf.get('backprop')![0]!.why).toBe('Uses the ideas of matrices directly.');
    expect(graph.unlocksOf.get('notation')!.map((e) => e.to)).toEqual(['calculus', 'matrices']);
    expect(graph.unlocksOf.get('backprop')).toEqual([]);
  });
});
