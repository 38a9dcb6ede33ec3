import { describe, expect, test } from 'vitest';
import { labelBox, siteLayout, wrapTitle } from '../../src/lib/graph/site-layout';
import { syntheticGraphJson } from '../../src/lib/graph/synthetic';
import type { GraphJson } from '../../src/lib/graph/json';

describe('label boxes', () => {
  test('titles wrap at spaces within the label width', () => {
    expect(wrapTitle('Linear regression')).toEqual(['Linear regression']);
    const lines = wrapTitle('Distributed training of very large models across many machines');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Distributed training of very large models across many machines');
  });

  test('a box is at least the node and grows with the lines', () => {
    expect(labelBox('AI')).toEqual(expect.objectContaining({ w: 18 }));
    expect(labelBox('Distributed training of very large models across many machines').h).toBeGreaterThan(labelBox('Linear regression').h);
    expect(labelBox('AI', true).w).toBe(22);
  });
});

describe('the build-time layout', () => {
  const graph: GraphJson = syntheticGraphJson(60, 7);
  const positions = siteLayout(graph);

  test('places every topic, prerequisites to the left of what they unlock', () => {
    expect(Object.keys(positions).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    for (const e of graph.edges) expect(positions[e.from]!.x).toBeLessThan(positions[e.to]!.x);
  });

  test('no two label boxes overlap', () => {
    const boxes = graph.nodes.map((n) => ({ p: positions[n.id]!, b: labelBox(n.title, n.level === 'expert') }));
    let overlaps = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const c = boxes[j]!;
        if (Math.abs(a.p.x - c.p.x) * 2 < a.b.w + c.b.w - 1 && Math.abs(a.p.y - c.p.y) * 2 < a.b.h + c.b.h - 1) overlaps++;
      }
    expect(overlaps).toBe(0);
  });
});

test('a graph too large for dagre gets no build-time layout (the browser lays it out)', () => {
  expect(siteLayout(syntheticGraphJson(700, 3))).toEqual({});
});
