import yaml from 'js-yaml';

export type FrontmatterResult =
  | { ok: true; data: Record<string, unknown>; body: string }
  | { ok: false; message: string; fix: string };

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** Splits an MDX file into its YAML frontmatter and body, without Astro. */
export function parseFrontmatter(text: string): FrontmatterResult {
  const match = FENCE.exec(text);
  if (!match) {
    return {
      ok: false,
      message: 'the file does not start with a frontmatter block',
      fix: 'begin the file with a line "---", the YAML fields, and a closing "---"',
    };
  }
  let data: unknown;
  try {
    data = yaml.load(match[1]!);
  } catch (error) {
    const e = error as yaml.YAMLException;
    const line = e.mark ? ` at line ${e.mark.line + 2}` : '';
    return {
      ok: false,
      message: `the frontmatter is not valid YAML${line}: ${e.reason ?? e.message}`,
      fix: 'check indentation and quote values that contain a colon',
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, message: 'the frontmatter is not a set of fields', fix: 'write one "field: value" per line' };
  }
  return { ok: true, data: data as Record<string, unknown>, body: text.slice(match[0].length) };
}
