/**
 * Learning plans: "what do I still need before this topic, given what I know?"
 * Pure functions over the graph the browser fetches (`GraphJson`) or any graph of the same shape.
 */
import { levelRank, type Level } from '../content/taxonomy';
import { MinHeap } from '../graph/heap';

/** The part of a graph node that planning uses. */
export interface PlanNode {
  id: string;
  level: Level;
  hours: number;
}

/** A graph to plan on; `from` is the prerequisite of `to`. `GraphJson` fits. */
export interface PlanGraph {
  nodes: readonly PlanNode[];
  edges: readonly { from: string; to: string }[];
}

/**
 * A graph prepared once for many plans. Topics are numbered so that a plan works on typed
 * arrays instead of string-keyed maps: ten thousand topics plan in a few milliseconds.
 */
export interface PlanIndex {
  readonly ids: readonly string[];
  readonly numberOf: ReadonlyMap<string, number>;
  readonly hours: Float64Array;
  /** Each topic's place in the tie-break order: level, then hours, then input order. */
  readonly priority: Int32Array;
  /** Prerequisites of topic i: `needs[needsStart[i] … needsStart[i + 1])`. */
  readonly needsStart: Int32Array;
  readonly needs: Int32Array;
  /** Topics that topic i unlocks, in the same layout. */
  readonly unlocksStart: Int32Array;
  readonly unlocks: Int32Array;
}

export interface PlanRequest {
  /** The topic the reader wants to reach. */
  goal: string;
  /** Topics the reader already knows. Ids the graph does not have are reported, not fatal. */
  known?: Iterable<string>;
  /**
   * Leave out what only known topics need: someone who knows CNNs is not sent back to
   * convolution. On unless set to false.
   */
  prune?: boolean;
}

export interface Plan {
  goal: string;
  /** False when the graph has no topic with the goal's id: the plan is then empty. */
  goalFound: boolean;
  /** The goal is already known: nothing to learn. */
  goalKnown: boolean;
  /** What to study, in order: each topic after all of its prerequisites, the goal last. */
  steps: string[];
  /** Sum of the steps' estimated hours. */
  hours: number;
  /**
   * Known topics the plan would otherwise have listed, in study order. With pruning, only
   * the ones met first on the way down from the goal (what lies behind them is in `pruned`).
   */
  knownOnTheWay: string[];
  /** Unknown prerequisites left out because only known topics need them (empty without pruning). */
  pruned: string[];
  /** Ids in `known` that the graph does not have, in the order given, each once. */
  unknownIds: string[];
}

export function indexGraph(graph: PlanGraph): PlanIndex {
  const n = graph.nodes.length;
  const ids: string[] = new Array<string>(n);
  const numberOf = new Map<string, number>();
  const hours = new Float64Array(n);
  // Level first, then hours; the sort is stable, so input order breaks the remaining ties.
  const key = new Float64Array(n);
  graph.nodes.forEach((node, i) => {
    ids[i] = node.id;
    numberOf.set(node.id, i);
    hours[i] = node.hours;
    key[i] = levelRank(node.level) * 1e9 + node.hours;
  });
  const priority = new Int32Array(n);
  Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => key[a]! - key[b]!)
    .forEach((topic, place) => (priority[topic] = place));

  const from = new Int32Array(graph.edges.length);
  const to = new Int32Array(graph.edges.length);
  let m = 0;
  for (const edge of graph.edges) {
    const f = numberOf.get(edge.from);
    const t = numberOf.get(edge.to);
    if (f === undefined || t === undefined) continue;
    from[m] = f;
    to[m++] = t;
  }
  const [needsStart, needs] = compressed(n, to.subarray(0, m), from.subarray(0, m));
  const [unlocksStart, unlocks] = compressed(n, from.subarray(0, m), to.subarray(0, m));
  return { ids, numberOf, hours, priority, needsStart, needs, unlocksStart, unlocks };
}

/** Adjacency lists in two arrays (compressed sparse rows): for each topic, the `value`s of edges with that `key`. */
function compressed(n: number, key: Int32Array, value: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (const k of key) start[k + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const next = start.slice(0, n);
  const list = new Int32Array(key.length);
  key.forEach((k, e) => (list[next[k]!++] = value[e]!));
  return [start, list];
}

const NONE: readonly string[] = [];

/**
 * Every ancestor of `request.goal` that is not known, plus the goal itself, in a valid study
 * order: topological, ties broken by level, then hours (shorter first), then the graph's own order.
 * Throws only if the graph has a prerequisite cycle, which the build never emits.
 */
export function planPath(graph: PlanGraph | PlanIndex, request: PlanRequest): Plan {
  const index = isIndex(graph) ? graph : indexGraph(graph);
  const { goal, prune = true } = request;
  const { numberOf, needsStart, needs } = index;
  const n = index.ids.length;
  const known = new Uint8Array(n);
  const unknownIds: string[] = [];
  for (const id of request.known ?? NONE) {
    const i = numberOf.get(id);
    if (i !== undefined) known[i] = 1;
    else if (!unknownIds.includes(id)) unknownIds.push(id);
  }
  const g = numberOf.get(goal);
  const plan: Plan = { goal, goalFound: g !== undefined, goalKnown: g !== undefined && known[g] === 1, steps: [], hours: 0, knownOnTheWay: [], pruned: [], unknownIds };
  if (g === undefined || plan.goalKnown) return plan;

  // Walk down from the goal; with pruning, a known topic's own prerequisites are not visited.
  const seen = new Uint8Array(n);
  const toLearn: number[] = [g];
  const knownMet: number[] = [];
  seen[g] = 1;
  const stack = [g];
  while (stack.length > 0) {
    const t = stack.pop()!;
    for (let k = needsStart[t]!; k < needsStart[t + 1]!; k++) {
      const p = needs[k]!;
      if (seen[p]) continue;
      seen[p] = 1;
      if (known[p]) {
        knownMet.push(p);
        if (prune) continue;
      } else {
        toLearn.push(p);
      }
      stack.push(p);
    }
  }
  if (prune && knownMet.length > 0) {
    // What lies only behind known topics: every ancestor not seen yet, reached from the known ones.
    const pruned: number[] = [];
    const behind = [...knownMet];
    while (behind.length > 0) {
      const t = behind.pop()!;
      for (let k = needsStart[t]!; k < needsStart[t + 1]!; k++) {
        const p = needs[k]!;
        if (seen[p]) continue;
        seen[p] = 1;
        if (!known[p]) pruned.push(p);
        behind.push(p);
      }
    }
    plan.pruned = studyOrder(index, pruned);
  }

  plan.steps = studyOrder(index, toLearn);
  plan.knownOnTheWay = studyOrder(index, knownMet);
  for (const i of toLearn) plan.hours += index.hours[i]!;
  return plan;
}

/** Study order of a set of ids: topological among themselves, ties by level, then hours, then input order. */
export function sortInStudyOrder(index: PlanIndex, ids: Iterable<string>): string[] {
  const members = new Set<number>();
  for (const id of ids) {
    const i = index.numberOf.get(id);
    if (i !== undefined) members.add(i);
  }
  return studyOrder(index, [...members]);
}

/**
 * Kahn's algorithm over the topics `members` (each once), with a heap on the tie-break
 * priority: the same order as `topologicalOrder` in the graph module, on numbered topics.
 */
function studyOrder(index: PlanIndex, members: readonly number[]): string[] {
  const { needsStart, needs, unlocksStart, unlocks, priority, ids } = index;
  const member = new Uint8Array(ids.length);
  for (const i of members) member[i] = 1;
  const waiting = new Int32Array(ids.length);
  const ready = new MinHeap<number>((a, b) => priority[a]! < priority[b]!);
  for (const i of members) {
    let w = 0;
    for (let k = needsStart[i]!; k < needsStart[i + 1]!; k++) w += member[needs[k]!]!;
    waiting[i] = w;
    if (w === 0) ready.push(i);
  }
  const order: string[] = [];
  while (ready.size > 0) {
    const i = ready.pop()!;
    order.push(ids[i]!);
    for (let k = unlocksStart[i]!; k < unlocksStart[i + 1]!; k++) {
      const next = unlocks[k]!;
      if (member[next] && --waiting[next]! === 0) ready.push(next);
    }
  }
  if (order.length !== members.length) throw new Error('the prerequisite graph has a cycle, so no study order exists');
  return order;
}

/** True when `order` lists each topic after every one of its prerequisites that is also listed. */
export function isValidStudyOrder(graph: PlanGraph | PlanIndex, order: readonly string[]): boolean {
  const index = isIndex(graph) ? graph : indexGraph(graph);
  const at = new Map(order.map((id, i) => [id, i]));
  if (at.size !== order.length) return false;
  return order.every((id, i) => {
    const t = index.numberOf.get(id);
    if (t === undefined) return false;
    for (let k = index.needsStart[t]!; k < index.needsStart[t + 1]!; k++) {
      if ((at.get(index.ids[index.needs[k]!]!) ?? -1) > i) return false;
    }
    return true;
  });
}

function isIndex(graph: PlanGraph | PlanIndex): graph is PlanIndex {
  return 'numberOf' in graph;
}
