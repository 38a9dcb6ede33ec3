import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/lib/content/taxonomy';
import { edgeKey, mapPlanHref, planHighlight, readMapPlan } from '../../src/lib/plan/highlight';
import { indexGraph, isValidStudyOrder, planPath, type PlanGraph, type PlanNode } from '../../src/lib/plan/planner';

type Spec = [id: string, level: PlanNode['level'], hours: number, prerequisites: string[]];

function graphOf(specs: Spec[]): PlanGraph {
  return {
    nodes: specs.map(([id, level, hours]) => ({ id, level, hours })),
    edges: specs.flatMap(([to, , , prerequisites]) => prerequisites.map((from) => ({ from, to }))),
  };
}

//   matrix ─┬─▶ convolution ─┐
//           └─▶ backprop ────┴─▶ cnn ─┐
//   calculus ──▶ backprop             ├─▶ gan
//   probability ──────────────────────┘
const small = graphOf([
  ['matrix', 'entry', 2, []],
  ['calculus', 'entry', 3, []],
  ['probability', 'entry', 1, []],
  ['convolution', 'entry', 4, ['matrix']],
  ['backprop', 'entry', 5, ['matrix', 'calculus']],
  ['cnn', 'intermediate', 6, ['convolution', 'backprop']],
  ['gan', 'intermediate', 8, ['cnn', 'probability']],
  ['unrelated', 'entry', 1, []],
]);

describe('planPath on a small graph', () => {
  it.each([
    { name: 'nothing known: every ancestor, ties by level then hours, goal last', goal: 'gan', known: [], prune: true,
      steps: ['probability', 'matrix', 'calculus', 'convolution', 'backprop', 'cnn', 'gan'], hours: 29, knownOnTheWay: [], pruned: [] },
    { name: 'knowing CNNs you are not sent back to convolution', goal: 'gan', known: ['cnn'], prune: true,
      steps: ['probability', 'gan'], hours: 9, knownOnTheWay: ['cnn'], pruned: ['matrix', 'calculus', 'convolution', 'backprop'] },
    { name: 'the same without pruning keeps what only CNNs need', goal: 'gan', known: ['cnn'], prune: false,
      steps: ['probability', 'matrix', 'calculus', 'convolution', 'backprop', 'gan'], hours: 23, knownOnTheWay: ['cnn'], pruned: [] },
    { name: 'a known topic keeps prerequisites that an unknown one still needs', goal: 'cnn', known: ['convolution'], prune: true,
      steps: ['matrix', 'calculus', 'backprop', 'cnn'], hours: 16, knownOnTheWay: ['convolution'], pruned: [] },
    { name: 'a prerequisite needed only through two known topics is pruned', goal: 'cnn', known: ['convolution', 'backprop'], prune: true,
      steps: ['cnn'], hours: 6, knownOnTheWay: ['convolution', 'backprop'], pruned: ['matrix', 'calculus'] },
    { name: 'known ancestors behind known ones are listed without pruning', goal: 'gan', known: ['cnn', 'matrix'], prune: false,
      steps: ['probability', 'calculus', 'convolution', 'backprop', 'gan'], hours: 21, knownOnTheWay: ['matrix', 'cnn'], pruned: [] },
    { name: 'a known leaf is skipped', goal: 'convolution', known: ['matrix'], prune: true,
      steps: ['convolution'], hours: 4, knownOnTheWay: ['matrix'], pruned: [] },
    { name: 'a topic without prerequisites is a plan of one', goal: 'probability', known: [], prune: true,
      steps: ['probability'], hours: 1, knownOnTheWay: [], pruned: [] },
    { name: 'a known goal gives an empty plan', goal: 'gan', known: ['gan'], prune: true,
      steps: [], hours: 0, knownOnTheWay: [], pruned: [] },
    { name: 'a known goal gives an empty plan without pruning too', goal: 'gan', known: ['gan', 'matrix'], prune: false,
      steps: [], hours: 0, knownOnTheWay: [], pruned: [] },
    { name: 'unrelated known topics change nothing', goal: 'convolution', known: ['unrelated', 'gan'], prune: true,
      steps: ['matrix', 'convolution'], hours: 6, knownOnTheWay: [], pruned: [] },
  ])('$name', ({ goal, known, prune, steps, hours, knownOnTheWay, pruned }) => {
    const plan = planPath(small, { goal, known, prune });
    expect(plan.steps).toEqual(steps);
    expect(plan.hours).toBe(hours);
    expect(plan.knownOnTheWay).toEqual(knownOnTheWay);
    expect(plan.pruned).toEqual(pruned);
    expect(plan.goalFound).toBe(true);
    expect(plan.goalKnown).toBe(known.includes(goal));
    expect(plan.unknownIds).toEqual([]);
    expect(isValidStudyOrder(small, plan.steps)).toBe(true);
  });

  it('prunes by default', () => {
    expect(planPath(small, { goal: 'gan', known: ['cnn'] }).steps).toEqual(['probability', 'gan']);
  });

  it.each([
    { known: ['cnn', 'deep-dreams', 'deep-dreams', 'Bad Id'], unknownIds: ['deep-dreams', 'Bad Id'], steps: ['probability', 'gan'] },
    { known: ['nope'], unknownIds: ['nope'], steps: ['probability', 'matrix', 'calculus', 'convolution', 'backprop', 'cnn', 'gan'] },
  ])('reports unknown ids $unknownIds without failing', ({ known, unknownIds, steps }) => {
    const plan = planPath(small, { goal: 'gan', known });
    expect(plan.unknownIds).toEqual(unknownIds);
    expect(plan.steps).toEqual(steps);
  });

  it('an unknown goal gives an empty plan, not an error', () => {
    const plan = planPath(small, { goal: 'time-travel', known: ['cnn'] });
    expect(plan).toMatchObject({ goalFound: false, steps: [], hours: 0 });
  });

  it('breaks ties by level before hours', () => {
    const g = graphOf([
      ['long-entry', 'entry', 9, []],
      ['short-expert', 'expert', 1, []],
      ['short-advanced', 'advanced', 1, []],
      ['goal', 'expert', 1, ['short-expert', 'long-entry', 'short-advanced']],
    ]);
    expect(planPath(g, { goal: 'goal' }).steps).toEqual(['long-entry', 'short-advanced', 'short-expert', 'goal']);
  });

  it('ignores edges to ids the graph does not have', () => {
    const g: PlanGraph = { nodes: [{ id: 'a', level: 'entry', hours: 1 }], edges: [{ from: 'ghost', to: 'a' }] };
    expect(planPath(g, { goal: 'a' }).steps).toEqual(['a']);
  });

  it('accepts a prepared index as well as the graph', () => {
    const index = indexGraph(small);
    expect(planPath(index, { goal: 'gan', known: ['cnn'] })).toEqual(planPath(small, { goal: 'gan', known: ['cnn'] }));
  });
});

describe('isValidStudyOrder', () => {
  it.each([
    { order: ['matrix', 'convolution'], valid: true },
    { order: ['convolution', 'matrix'], valid: false },
    { order: ['convolution'], valid: true }, // prerequisites left out (known) are fine
    { order: ['matrix', 'matrix'], valid: false },
  ])('$order → $valid', ({ order, valid }) => {
    expect(isValidStudyOrder(small, order)).toBe(valid);
  });
});

/** A seeded random DAG: each topic needs up to four earlier topics of the same or a lower level. */
function randomGraph(seed: number, n: number): PlanGraph {
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const specs: Spec[] = [];
  for (let i = 0; i < n; i++) {
    const level = LEVELS[Math.floor((i * LEVELS.length) / n)]!;
    const prerequisites = new Set<string>();
    const count = i === 0 ? 0 : Math.floor(random() * 5);
    for (let k = 0; k < count; k++) prerequisites.add(`t${Math.floor(random() * i)}`);
    specs.push([`t${i}`, level, 1 + Math.floor(random() * 8), [...prerequisites]]);
  }
  return graphOf(specs);
}

/** Every ancestor of `goal`, found the slow, obvious way. */
function ancestors(graph: PlanGraph, goal: string, through: (id: string) => boolean = () => true): Set<string> {
  const found = new Set<string>();
  let frontier = [goal];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const e of graph.edges) {
      if (frontier.includes(e.to) && !found.has(e.from)) {
        found.add(e.from);
        if (through(e.from)) next.push(e.from);
      }
    }
    frontier = next;
  }
  return found;
}

describe('plans on random graphs', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: valid order, complete, and pruning drops only what known topics alone need', (seed) => {
    const graph = randomGraph(seed, 120);
    const goal = `t${119 - seed}`;
    const all = ancestors(graph, goal);
    const known = [...all].filter((_, i) => i % 3 === seed % 3);
    const knownSet = new Set(known);

    const full = planPath(graph, { goal, known, prune: false });
    expect(isValidStudyOrder(graph, full.steps)).toBe(true);
    expect(new Set(full.steps)).toEqual(new Set([...all, goal].filter((id) => !knownSet.has(id))));
    expect(full.steps.at(-1)).toBe(goal);

    const pruned = planPath(graph, { goal, known, prune: true });
    expect(isValidStudyOrder(graph, pruned.steps)).toBe(true);
    const reachable = ancestors(graph, goal, (id) => !knownSet.has(id));
    expect(new Set(pruned.steps)).toEqual(new Set([...reachable, goal].filter((id) => !knownSet.has(id))));
    expect(new Set([...pruned.steps, ...pruned.pruned])).toEqual(new Set(full.steps));
    expect(pruned.hours).toBeLessThanOrEqual(full.hours);
  });
});

describe('map highlighting', () => {
  it('reads the map query', () => {
    expect(readMapPlan('?plan=gan')).toEqual({ goal: 'gan', prune: true });
    expect(readMapPlan('?plan=gan&prune=0&focus=cnn')).toEqual({ goal: 'gan', prune: false });
    expect(readMapPlan('?focus=cnn')).toEqual({ goal: null, prune: true });
    expect(mapPlanHref('gan')).toBe('/map/?plan=gan');
    expect(mapPlanHref('gan', false)).toBe('/map/?plan=gan&prune=0');
  });

  it('highlights the steps, the known topics skipped and the edges between steps', () => {
    const h = planHighlight(small, 'gan', new Map([['cnn', 'known'], ['probability', 'learning']]));
    expect([...h.steps]).toEqual(['probability', 'gan']);
    expect([...h.known]).toEqual(['cnn']);
    expect([...h.edges]).toEqual([edgeKey('probability', 'gan')]);
  });
});
