/**
 * Planning speed on a synthetic 10,000-topic graph: `npx tsx scripts/bench-plan.ts`.
 * Prints and returns JSON; the budget is 50 ms for one plan towards a deep goal.
 */
import { pathToFileURL } from 'node:url';
import { LEVELS } from '../src/lib/content/taxonomy';
import { indexGraph, isValidStudyOrder, planPath, type PlanGraph } from '../src/lib/plan/planner';

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

/**
 * A layered random DAG with the shape of the real one: four levels, each topic needing one to
 * four earlier topics (one of them close by, so chains run deep), seeded so runs compare.
 */
export function syntheticGraph(topics = 10_000, seed = 7): PlanGraph {
  let s = seed;
  const random = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const nodes: PlanGraph['nodes'][number][] = [];
  const edges: { from: string; to: string }[] = [];
  for (let i = 0; i < topics; i++) {
    nodes.push({ id: `topic-${i}`, level: LEVELS[Math.floor((i * LEVELS.length) / topics)]!, hours: 1 + Math.floor(random() * 12) });
    if (i === 0) continue;
    const from = new Set<number>([Math.max(0, i - 1 - Math.floor(random() * 20))]);
    const more = Math.floor(random() * 4);
    for (let k = 0; k < more; k++) from.add(Math.floor(random() * i));
    for (const f of from) edges.push({ from: `topic-${f}`, to: `topic-${i}` });
  }
  return { nodes, edges };
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
  const graph = syntheticGraph(topics);
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
