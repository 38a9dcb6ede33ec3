/**
 * Progress as text: the versioned JSON kept in localStorage and written to export files, and
 * reading it back. Reading never throws: what is valid is kept, the rest is dropped and
 * described in notices that the page shows.
 */
import { isMark, isTopicIdShape, type Mark, type Progress } from './model';

/** Bump when the format changes; readers of other versions keep what still fits and say so. */
export const PROGRESS_VERSION = 1;
/** Marks the file as ours, so that importing some other JSON file is reported clearly. */
export const PROGRESS_FORMAT = 'deep-learning-atlas/progress';

/** What the JSON looks like. */
export interface ProgressDocument {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  /** ISO time of writing; informative only. */
  saved?: string;
  marks: Record<string, Mark>;
}

export type NoticeCode = 'corrupt' | 'not-progress' | 'other-version' | 'bad-id' | 'bad-value' | 'unknown-id' | 'unavailable';

/** Something in the data that was not used, explained for the reader. */
export interface Notice {
  code: NoticeCode;
  message: string;
  /** The ids or keys concerned, if any. */
  ids?: string[];
}

export interface ReadResult {
  progress: Progress;
  notices: Notice[];
}

/** The JSON text for `progress`; `saved` adds the time of writing (export files). */
export function serialiseProgress(progress: Progress, saved?: Date): string {
  const marks: Record<string, Mark> = {};
  for (const [id, mark] of progress) marks[id] = mark;
  const doc: ProgressDocument = { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, ...(saved ? { saved: saved.toISOString() } : {}), marks };
  return JSON.stringify(doc, null, saved ? 2 : undefined);
}

export interface ReadOptions {
  /** Ids that exist. When given, marks for other ids are dropped with a notice. */
  validIds?: ReadonlySet<string>;
  /** Where the text came from, for messages ("saved progress", "the file"). */
  source?: string;
}

/** Reads JSON written by `serialiseProgress`, or hand-edited, corrupt, or from another version. */
export function parseProgress(text: string | null | undefined, options: ReadOptions = {}): ReadResult {
  const source = options.source ?? 'The saved progress';
  if (text === null || text === undefined || text.trim() === '') return { progress: new Map(), notices: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return empty('corrupt', `${source} could not be read (it is not valid JSON), so no topic is marked.`);
  }
  if (!isRecord(data)) return empty('not-progress', `${source} is not Atlas progress (expected a JSON object), so no topic is marked.`);
  if (data['marks'] === undefined) return empty('not-progress', `${source} is not Atlas progress (it has no "marks"), so no topic is marked.`);
  const notices: Notice[] = [];
  if (data['format'] !== undefined && data['format'] !== PROGRESS_FORMAT) {
    return empty('not-progress', `${source} is not Atlas progress (its format is ${describe(data['format'])}), so no topic is marked.`);
  }
  if (data['version'] !== PROGRESS_VERSION) {
    notices.push({
      code: 'other-version',
      message: `${source} comes from another version of the Atlas (version ${describe(data['version'])}, this is ${PROGRESS_VERSION}); the marks that still fit were kept.`,
    });
  }
  return readMarks(data['marks'], source, options.validIds, notices);
}

/** Validates a `{ id: mark }` object, however it was obtained. */
export function readMarks(marks: unknown, source: string, validIds: ReadonlySet<string> | undefined, notices: Notice[] = []): ReadResult {
  const progress = new Map<string, Mark>();
  if (!isRecord(marks)) {
    if (marks !== undefined) notices.push({ code: 'not-progress', message: `${source} has no list of marks that can be read, so no topic is marked.` });
    return { progress, notices };
  }
  const badIds: string[] = [];
  const badValues: string[] = [];
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(marks)) {
    const id = key.trim();
    const mark = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (!isTopicIdShape(id)) badIds.push(key);
    else if (!isMark(mark)) badValues.push(id);
    else if (validIds && !validIds.has(id)) unknown.push(id);
    else progress.set(id, mark);
  }
  if (badIds.length > 0) {
    notices.push({ code: 'bad-id', ids: badIds, message: `${count(badIds.length, 'entry', 'entries')} in ${lower(source)} ${badIds.length === 1 ? 'is' : 'are'} not a topic id and ${badIds.length === 1 ? 'was' : 'were'} ignored: ${list(badIds)}.` });
  }
  if (badValues.length > 0) {
    notices.push({ code: 'bad-value', ids: badValues, message: `${count(badValues.length, 'mark', 'marks')} in ${lower(source)} ${badValues.length === 1 ? 'is' : 'are'} neither "known" nor "learning" and ${badValues.length === 1 ? 'was' : 'were'} ignored: ${list(badValues)}.` });
  }
  if (unknown.length > 0) {
    notices.push({ code: 'unknown-id', ids: unknown, message: `${count(unknown.length, 'mark names a topic', 'marks name topics')} this Atlas does not have, ignored: ${list(unknown)}.` });
  }
  return { progress, notices };
}

/** The one notice for storage that cannot be used at all (disabled, private mode, full). */
export function unavailableNotice(): Notice {
  return { code: 'unavailable', message: 'This browser does not let the Atlas save progress (storage is blocked or full): marks last only until the page is left.' };
}

function empty(code: NoticeCode, message: string): ReadResult {
  return { progress: new Map(), notices: [{ code, message }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'unknown';
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function lower(source: string): string {
  return source.charAt(0).toLowerCase() + source.slice(1);
}

function list(ids: readonly string[]): string {
  const shown = ids.slice(0, 8).map((id) => `"${id.length > 40 ? `${id.slice(0, 37)}…` : id}"`);
  return ids.length > shown.length ? `${shown.join(', ')} and ${ids.length - shown.length} more` : shown.join(', ');
}
