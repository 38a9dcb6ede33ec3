import type { Problem } from '../content/problems';
import { CATEGORIES, LEVEL_LABELS, levelRank } from '../content/taxonomy';
import { findCycles } from './cycles';
import { nearest } from './nearest';
import { topologicalOrder } from './order';
import type { Edge, Topic, TopicGraph } from './types';

export type BuildResult = { ok: true; graph: TopicGraph } | { ok: false; problems: Problem[] };

/** Reading order among topics that are free to come next: by level, then category, then title. */
export function byLevelThenCategory(topics: ReadonlyMap<string, Topic>) {
  return (a: string, b: string): number => {
    const x = topics.get(a)!;
    const y = topics.get(b)!;
    return (
      levelRank(x.level) - levelRank(y.level) ||
      CATEGORIES.indexOf(x.category) - CATEGORIES.indexOf(y.category) ||
      x.title.localeCompare(y.title) ||
      a.localeCompare(b)
    );
  };
}

/**
 * Turns topics into the prerequisite graph, or reports every problem of the whole set at
 * once. `otherIds` are ids of topic files that exist but failed their own validation:
 * they count as known, so one broken file does not cause a flood of "unknown id" errors.
 */
export function buildGraph(input: readonly Topic[], otherIds: Iterable<string> = []): BuildResult {
  const problems: Problem[] = [];
  const topics = new Map<string, Topic>();
  const firstFile = new Map<string, string>();
  for (const t of input) {
    const seen = firstFile.get(t.id);
    if (seen !== undefined) {
      problems.push({
        file: t.file,
        field: '(file name)',
        message: `the id "${t.id}" is already used by ${seen}`,
        fix: 'rename one of the two files: a topic id (its file name) must be unique across the site',
      });
      continue;
    }
    firstFile.set(t.id, t.file);
    topics.set(t.id, t);
  }
  const known = new Set([...topics.keys(), ...otherIds]);

  // Edges that survive the per-edge checks; cycles are looked for among them.
  const needs = new Map<string, string[]>();
  const edges: Edge[] = [];
  for (const t of topics.values()) {
    const listed = new Set<string>();
    const kept: string[] = [];
    t.prerequisites.forEach((p, i) => {
      const field = `prerequisites[${i}].id`;
      if (p.id === t.id) {
        problems.push({ file: t.file, field, message: `"${t.id}" lists itself as a prerequisite`, fix: 'remove this entry' });
        return;
      }
      if (listed.has(p.id)) {
        problems.push({ file: t.file, field, message: `"${p.id}" is listed more than once`, fix: 'remove the repeated entry' });
        return;
      }
      listed.add(p.id);
      if (!known.has(p.id)) {
        const guess = nearest(p.id, known);
        problems.push({
          file: t.file,
          field,
          message: `no topic has the id "${p.id}"`,
          fix: guess ? `did you mean "${guess}"? Use the file name of an existing topic` : 'use the file name of an existing topic',
        });
        return;
      }
      const target = topics.get(p.id);
      if (!target) return; // its own file is invalid and already reported
      if (levelRank(target.level) > levelRank(t.level)) {
        problems.push({
          file: t.file,
          field,
          message: `"${p.id}" is at ${LEVEL_LABELS[target.level]} level, above this ${LEVEL_LABELS[t.level]} topic`,
          fix: `drop this prerequisite, or move one of the two topics so the prerequisite's level is not higher`,
        });
        return;
      }
      kept.push(p.id);
      edges.push({ from: p.id, to: t.id, why: p.why });
    });
    needs.set(t.id, kept);
  }

  const ids = [...topics.keys()].sort();
  for (const cycle of findCycles(ids, (id) => needs.get(id) ?? [])) {
    const t = topics.get(cycle[0]!)!;
    problems.push({
      file: t.file,
      field: 'prerequisites',
      message: `prerequisite cycle: ${cycle.join(' → ')} (each topic needs the next)`,
      fix: 'remove one edge of the cycle: the topic that is learnt later should not be a prerequisite of an earlier one',
    });
  }

  if (problems.length > 0) return { ok: false, problems };

  const order = topologicalOrder(ids, (id) => needs.get(id) ?? [], byLevelThenCategory(topics))!;
  const depth = new Map<string, number>();
  for (const id of order) {
    depth.set(id, Math.max(-1, ...(needs.get(id) ?? []).map((p) => depth.get(p)!)) + 1);
  }
  const prerequisitesOf = new Map<string, Edge[]>(order.map((id) => [id, []]));
  const unlocksOf = new Map<string, Edge[]>(order.map((id) => [id, []]));
  for (const e of edges) {
    prerequisitesOf.get(e.to)!.push(e);
    unlocksOf.get(e.from)!.push(e);
  }
  const rank = new Map(order.map((id, i) => [id, i]));
  for (const list of unlocksOf.values()) list.sort((a, b) => rank.get(a.to)! - rank.get(b.to)!);

  return {
    ok: true,
    graph: {
      topics: new Map(order.map((id) => [id, topics.get(id)!])),
      edges,
      order,
      depth,
      prerequisitesOf,
      unlocksOf,
    },
  };
}

function reach(start: string, step: (id: string) => readonly Edge[], pick: (e: Edge) => string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    for (const e of step(stack.pop()!)) {
      const id = pick(e);
      if (!seen.has(id)) {
        seen.add(id);
        stack.push(id);
      }
    }
  }
  return seen;
}

/** Everything to learn before `id`, transitively. */
export function ancestorsOf(graph: TopicGraph, id: string): Set<string> {
  return reach(id, (x) => graph.prerequisitesOf.get(x) ?? [], (e) => e.from);
}

/** Everything `id` leads to, transitively. */
export function descendantsOf(graph: TopicGraph, id: string): Set<string> {
  return reach(id, (x) => graph.unlocksOf.get(x) ?? [], (e) => e.to);
}
