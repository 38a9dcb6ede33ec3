/**
 * The reader's progress: for each topic id, known or learning. A topic without an entry is
 * neither. Kept in the browser only; no account.
 */

export const MARKS = ['known', 'learning'] as const;
export type Mark = (typeof MARKS)[number];

/** Topic id → mark. Treated as immutable: every change returns a new map. */
export type Progress = ReadonlyMap<string, Mark>;

export const EMPTY_PROGRESS: Progress = new Map();

export function isMark(value: unknown): value is Mark {
  return value === 'known' || value === 'learning';
}

/** The progress with `id` marked `mark`, or unmarked when `mark` is null. */
export function withMark(progress: Progress, id: string, mark: Mark | null): Progress {
  const next = new Map(progress);
  if (mark === null) next.delete(id);
  else next.set(id, mark);
  return next;
}

/** Ids with the given mark, in insertion order. */
export function idsMarked(progress: Progress, mark: Mark): string[] {
  const ids: string[] = [];
  for (const [id, m] of progress) if (m === mark) ids.push(id);
  return ids;
}

/** How many of `ids` carry `mark`. */
export function countMarked(progress: Progress, ids: Iterable<string>, mark: Mark = 'known'): number {
  let n = 0;
  for (const id of ids) if (progress.get(id) === mark) n++;
  return n;
}

/**
 * Topic ids are lower-case words joined by hyphens (see src/lib/content). Anything else cannot
 * name a topic, so it is never stored, whatever the reader's file or link says.
 */
export function isTopicIdShape(value: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 120;
}
