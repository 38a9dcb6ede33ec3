/**
 * What the map needs to highlight a plan: `/map/?plan=<goal>` (and `&prune=0` to turn pruning
 * off) asks the map to highlight the reader's plan towards that goal, using their saved marks.
 */
import type { Progress } from '../progress/model';
import { idsMarked } from '../progress/model';
import { planPath, type Plan, type PlanGraph } from './planner';

export const MAP_PATH = '/map/';

/** The map link for a plan. */
export function mapPlanHref(goal: string, prune = true): string {
  return `${MAP_PATH}?plan=${encodeURIComponent(goal)}${prune ? '' : '&prune=0'}`;
}

/** Reads `plan` and `prune` from the map's query string; goal null when there is none. */
export function readMapPlan(search: string): { goal: string | null; prune: boolean } {
  const params = new URLSearchParams(search);
  return { goal: params.get('plan')?.trim() || null, prune: params.get('prune') !== '0' };
}

export interface PlanHighlight {
  plan: Plan;
  /** Topics to study, the goal included; `plan.steps` has them in order (number them 1…n). */
  steps: ReadonlySet<string>;
  /** Known topics the plan skips, to show as done. */
  known: ReadonlySet<string>;
  /** Edges between two steps of the plan, as `${from}→${to}`; the path to draw. */
  edges: ReadonlySet<string>;
}

export function edgeKey(from: string, to: string): string {
  return `${from}→${to}`;
}

/** The plan towards `goal` for a reader with `progress`, shaped for highlighting. */
export function planHighlight(graph: PlanGraph, goal: string, progress: Progress, prune = true): PlanHighlight {
  const plan = planPath(graph, { goal, known: idsMarked(progress, 'known'), prune });
  const steps = new Set(plan.steps);
  const edges = new Set<string>();
  for (const { from, to } of graph.edges) if (steps.has(from) && steps.has(to)) edges.add(edgeKey(from, to));
  return { plan, steps, known: new Set(plan.knownOnTheWay), edges };
}
