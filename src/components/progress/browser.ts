/** Browser glue shared by the progress components: the storage, and hearing about changes. */
import { STORAGE_KEY, type StorageLike } from '../../lib/progress/storage';

/** window.localStorage, or null where the browser blocks it (reading it can throw). */
export function browserStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Calls `update` when another tab changes the saved progress. */
export function onOtherTabChange(update: () => void): void {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) update();
  });
}
