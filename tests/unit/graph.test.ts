import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildGraph, descendantsOf } from '../../src/lib/graph/build';
import { findCycles } from '../../src/lib/graph/cycles';
import { nearest } from '../../src/lib/graph/nearest';
import { topologicalOrder } from '../../src/lib/graph/order';
import type { Topic } from '../../src/lib/graph/types';

function topic(id: string, prerequisites: string[] = [], level: Topic['level'] = 'entry'): Topic {
  return {
    id,
    file: `content/${level}/${id}.mdx`,
    title: id,
    description: `About ${id}.`,
    level,
    category: 'theory',
    hours: 1,
    aliases: [],
    resources: [{ title: 'Book', url: 'https://example.org', kind: 'book', free: true }],
    prerequisites: prerequisites.map((p) => ({ id: p, why: `Uses ${p}.` })),
  };
}

describe('ancestors and descendants', () => {
  // a → b → d, a → c → d, d → e; f is unrelated
  const built = buildGraph([
    topic('a'),
    topic('b', ['a']),
    topic('c', ['a']),
    topic('d', ['b', 'c']),
    topic('e', ['d']),
    topic('f'),
  ]);
  if (!built.ok) throw new Error('expected a valid graph');
  const graph = built.graph;

  it.each([
    ['a', [], ['b', 'c', 'd', 'e']],
    ['d', ['a', 'b', 'c'], ['e']],
    ['e', ['a', 'b', 'c', 'd'], []],
    ['f', [], []],
  ])('%s', (id, ancestors, descendants) => {
    expect([...ancestorsOf(graph, id)].sort()).toEqual(ancestors);
    expect([...descendantsOf(graph, id)].sort()).toEqual(descendants);
  });
});

describe('findCycles', () => {
  it.each([
    { edges: { a: ['b'], b: ['a'] }, cycles: [['a', 'b', 'a']] },
    { edges: { a: ['b'], b: ['c'], c: [] }, cycles: [] },
    { edges: { x: ['y'], y: ['z'], z: ['x'], w: ['w2'], w2: ['w'] }, cycles: [['w', 'w2', 'w'], ['x', 'y', 'z', 'x']] },
  ])('$edges', ({ edges, cycles }) => {
    const next = (id: string) => (edges as Record<string, string[]>)[id] ?? [];
    const found = findCycles(Object.keys(edges).sort(), next).sort((p, q) => p[0]!.localeCompare(q[0]!));
    expect(found).toEqual(cycles);
  });

  it('handles a chain of 20,000 topics without overflowing the stack', () => {
    const n = 20_000;
    const ids = Array.from({ length: n }, (_, i) => `t${i}`);
    expect(findCycles(ids, (id) => (id === `t${n - 1}` ? [] : [`t${Number(id.slice(1)) + 1}`]))).toEqual([]);
  });
});

describe('topologicalOrder', () => {
  it('returns null for a cycle and breaks ties with the comparator', () => {
    const pre: Record<string, string[]> = { a: [], b: [], c: ['a'] };
    expect(topologicalOrder(['a', 'b', 'c'], (id) => pre[id]!, (x, y) => y.localeCompare(x))).toEqual(['b', 'a', 'c']);
    expect(topologicalOrder(['a', 'b'], (id) => (id === 'a' ? ['b'] : ['a']), () => 0)).toBeNull();
  });
});

describe('nearest', () => {
  it.each([
    ['matrix-operation', 'matrix-operations'],
    ['backprop', 'backpropagation'],
    ['optimisers', 'optimizers'],
  ])('%s → %s', (wanted, expected) => {
    expect(nearest(wanted, ['matrix-operations', 'backpropagation', 'optimizers', 'convolution'])).toBe(expected);
  });
});
