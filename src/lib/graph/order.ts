import { MinHeap } from './heap';

/**
 * Kahn's algorithm over `ids`, where `prerequisites(id)` lists what must come first
 * (ids outside the set are ignored). Among topics that are ready at the same time,
 * `compare` decides. Returns null when the prerequisites contain a cycle.
 */
export function topologicalOrder(
  ids: Iterable<string>,
  prerequisites: (id: string) => readonly string[],
  compare: (a: string, b: string) => number,
): string[] | null {
  const members = new Set(ids);
  const waiting = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of members) {
    const before = prerequisites(id).filter((p) => members.has(p));
    waiting.set(id, before.length);
    for (const p of before) {
      const list = dependents.get(p);
      if (list) list.push(id);
      else dependents.set(p, [id]);
    }
  }
  const ready = new MinHeap<string>((a, b) => compare(a, b) < 0);
  for (const [id, n] of waiting) if (n === 0) ready.push(id);
  const order: string[] = [];
  while (ready.size > 0) {
    const id = ready.pop()!;
    order.push(id);
    for (const next of dependents.get(id) ?? []) {
      const n = waiting.get(next)! - 1;
      waiting.set(next, n);
      if (n === 0) ready.push(next);
    }
  }
  return order.length === members.size ? order : null;
}
