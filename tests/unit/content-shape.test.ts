import { describe, expect, it } from 'vitest';
import { readContentFiles } from '../../scripts/read-content';
import { parseFrontmatter } from '../../src/lib/content/frontmatter';
import { proseWordCount } from '../../src/lib/content/prose';

// The shape the content guide asks of every topic page (shared/content-guide.md).
const pages = readContentFiles().map(({ path, text }) => {
  const parsed = parseFrontmatter(text);
  if (!parsed.ok) throw new Error(`${path}: ${parsed.message}`);
  return { path, text, data: parsed.data, body: parsed.body };
});

describe('every topic page has the shape of the content guide', () => {
  it('there are pages to check', () => {
    expect(pages.length).toBeGreaterThan(100);
  });

  it.each([
    ['500 to 1,500 words of prose', (p: (typeof pages)[number]) => {
      const words = proseWordCount(p.text);
      return words >= 500 && words <= 1500 ? null : `${words} words`;
    }],
    ['2 to 5 resources', (p: (typeof pages)[number]) => {
      const n = (p.data['resources'] as unknown[]).length;
      return n >= 2 && n <= 5 ? null : `${n} resources`;
    }],
    ['aliases for search', (p: (typeof pages)[number]) => ((p.data['aliases'] as unknown[] | undefined)?.length ? null : 'no aliases')],
    ['a "Check yourself" section with 3 to 5 folded answers', (p: (typeof pages)[number]) => {
      const folded = p.body.match(/<details>/g)?.length ?? 0;
      return /^## Check yourself$/m.test(p.body) && folded >= 3 && folded <= 5 ? null : `${folded} folded answers`;
    }],
    ['no h1 in the body (the title is the only h1)', (p: (typeof pages)[number]) => (/^# /m.test(p.body.replace(/```[\s\S]*?```/g, '')) ? 'has an h1' : null)],
    ['no placeholder text', (p: (typeof pages)[number]) => (/lorem ipsum|\bTODO\b|\bTBD\b|coming soon/i.test(p.text) ? 'placeholder' : null)],
  ])('%s', (_rule, check) => {
    const failures = pages.flatMap((p) => {
      const problem = check(p);
      return problem ? [`${p.path}: ${problem}`] : [];
    });
    expect(failures).toEqual([]);
  });
});

describe('proseWordCount', () => {
  it('counts words of prose, not code, maths or markup', () => {
    const mdx = '---\ntitle: x\n---\nTwo words $a + b$ and\n\n```python\nprint(1)\n```\n\n$$\nx\n$$\n<details><summary>Why?</summary>Because.</details>';
    expect(proseWordCount(mdx)).toBe(5); // Two words and Why? Because.
  });
});
