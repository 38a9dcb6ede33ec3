import { buildGraph } from '../graph/build';
import type { Topic, TopicGraph } from '../graph/types';
import { parseFrontmatter } from './frontmatter';
import type { Problem } from './problems';
import { LEVELS } from './taxonomy';
import { RESERVED_IDS } from './urls';
import { validateFrontmatter } from './validate-frontmatter';

export interface SourceFile {
  /** Path relative to the project root, e.g. `content/entry/convolution.mdx`. */
  path: string;
  text: string;
}

/** The id of a topic file: its name without directory and extension. */
export function topicIdFromPath(path: string): string {
  return path.split('/').pop()!.replace(/\.mdx?$/, '');
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Validates every topic file and the graph they form, collecting all problems of the run. */
export function checkContent(
  files: readonly SourceFile[],
): { ok: true; graph: TopicGraph } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const topics: Topic[] = [];
  const brokenIds: string[] = [];
  for (const { path, text } of files) {
    const id = topicIdFromPath(path);
    if (!ID_PATTERN.test(id)) {
      problems.push({
        file: path,
        field: '(file name)',
        message: `"${id}" is not a valid topic id`,
        fix: 'rename the file to lower-case words joined by hyphens, e.g. "matrix-operations.mdx"',
      });
    } else if ((RESERVED_IDS as readonly string[]).includes(id)) {
      problems.push({
        file: path,
        field: '(file name)',
        message: `"${id}" is the name of a site page, so a topic cannot use it`,
        fix: `rename the file, e.g. "${id}-topic.mdx"`,
      });
    }
    const parsed = parseFrontmatter(text);
    if (!parsed.ok) {
      problems.push({ file: path, field: '(frontmatter)', message: parsed.message, fix: parsed.fix });
      brokenIds.push(id);
      continue;
    }
    const checked = validateFrontmatter(path, parsed.data);
    if (!checked.ok) {
      problems.push(...checked.problems);
      brokenIds.push(id);
      continue;
    }
    const folder = path.split('/').slice(-2, -1)[0];
    if ((LEVELS as readonly string[]).includes(folder ?? '') && folder !== checked.value.level) {
      problems.push({
        file: path,
        field: 'level',
        message: `the file is in content/${folder}/ but says level "${checked.value.level}"`,
        fix: `move the file to content/${checked.value.level}/ or set level: ${folder}`,
      });
    }
    topics.push({ ...checked.value, id, file: path });
  }
  const built = buildGraph(topics, brokenIds);
  if (!built.ok) problems.push(...built.problems);
  if (problems.length > 0 || !built.ok) return { ok: false, problems };
  return { ok: true, graph: built.graph };
}
