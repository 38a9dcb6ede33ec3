/**
 * Progress in localStorage. The storage is passed in (window.localStorage in the browser, a
 * Map-backed stand-in in tests), so this module stays free of DOM globals. Never throws:
 * storage that is blocked, full or holds corrupt data gives notices instead.
 */
import { EMPTY_PROGRESS, withMark, type Mark, type Progress } from './model';
import { parseProgress, serialiseProgress, unavailableNotice, type ReadResult } from './serialise';

/** The localStorage key. */
export const STORAGE_KEY = 'atlas-progress';

/** The part of the Web Storage API used here. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The reader's saved progress. `validIds`, when given, drops marks for topics that do not
 * exist (pages without the graph leave it out and keep every well-formed mark).
 */
export function readProgress(storage: StorageLike | null | undefined, validIds?: ReadonlySet<string>): ReadResult {
  let text: string | null;
  try {
    if (!storage) return { progress: EMPTY_PROGRESS, notices: [unavailableNotice()] };
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return { progress: EMPTY_PROGRESS, notices: [unavailableNotice()] };
  }
  return parseProgress(text, validIds ? { validIds } : {});
}

/** Saves `progress`; false when the browser refused (blocked or full storage). */
export function writeProgress(storage: StorageLike | null | undefined, progress: Progress): boolean {
  try {
    if (!storage) return false;
    storage.setItem(STORAGE_KEY, serialiseProgress(progress));
    return true;
  } catch {
    return false;
  }
}

/**
 * Marks one topic (null: neither) on top of what is saved and saves the result. Marks the
 * page could not read are not kept, so a corrupt value is replaced by valid progress.
 */
export function saveMark(storage: StorageLike | null | undefined, id: string, mark: Mark | null): { progress: Progress; saved: boolean } {
  const progress = withMark(readProgress(storage).progress, id, mark);
  return { progress, saved: writeProgress(storage, progress) };
}
