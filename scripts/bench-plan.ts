/**
 * Planning speed on a synthetic 10,000-topic graph: `npx tsx scripts/bench-plan.ts`.
 * Prints and returns JSON; the budget is 50 ms for one plan towards a deep goal.
 */
import { pathToFileURL } from 'node:url';
import { syntheticGraphJson } from '../src/lib/graph/synthetic';
import { indexGraph, isValidStudyOrder, planPath } from '../src/lib/plan/planner';

export interface PlanBenchResult {
  name: 'plan';
  topics: number;
  edges: number;
  goal: string;
  /** Topics in the plan towards the goal (nothing known). */
  steps: number;
  /** Median of `runs` plans, index building included (what a page pays for its first plan). */
  medianMs: number;
  /** Median with a prepared index (what each later plan on the page pays). */
  medianIndexedMs: number;
  /** Median with a third of the ancestors known and pruning on. */
  medianPrunedMs: number;
  runs: number;
  budgetMs: number;
  ok: boolean;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(run: () => unknown, runs: number): number {
  for (let i = 0; i < 3; i++) run(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return Math.round(median(samples) * 100) / 100;
}

export function benchPlan(runs = 15, topics = 10_000): PlanBenchResult {
  const graph = syntheticGraphJson(topics);
  const goal = graph.nodes.at(-1)!.id;
  const plan = planPath(graph, { goal });
  if (!isValidStudyOrder(graph, plan.steps)) throw new Error('the benchmark plan is not a valid study order');
  const index = indexGraph(graph);
  const known = plan.steps.filter((_, i) => i % 3 === 0 && i < plan.steps.length - 1);
  const budgetMs = 50;
  const medianMs = time(() => planPath(graph, { goal }), runs);
  return {
    name: 'plan',
    topics: graph.nodes.length,
    edges: graph.edges.length,
    goal,
    steps: plan.steps.length,
    medianMs,
    medianIndexedMs: time(() => planPath(index, { goal }), runs),
    medianPrunedMs: time(() => planPath(index, { goal, known, prune: true }), runs),
    runs,
    budgetMs,
    ok: medianMs <= budgetMs,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = benchPlan();
  console.log(JSON.stringify(result, null, 2));
  if (!result.ok) process.exitCode = 1;
}
