/** One thing wrong with the content, said so that an author can fix it without reading code. */
export interface Problem {
  /** Path of the topic file, relative to the project. */
  file: string;
  /** The frontmatter field at fault, e.g. `prerequisites[2].id`; `(file)` for the file as a whole. */
  field: string;
  message: string;
  /** What to change. */
  fix: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}\n  field: ${p.field}\n  problem: ${p.message}\n  fix: ${p.fix}`;
}

/** All problems at once, grouped by file in a stable order. */
export function formatProblems(problems: readonly Problem[]): string {
  const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.field.localeCompare(b.field));
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return [`${problems.length} content ${noun} found:`, '', ...sorted.map(formatProblem).join('\n\n').split('\n')].join('\n');
}

export class ContentError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(formatProblems(problems));
    this.name = 'ContentError';
  }
}
