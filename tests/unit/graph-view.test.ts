import { describe, expect, it } from 'vitest';
import type { Category, Level } from '../../src/lib/content/taxonomy';
import type { GraphJson } from '../../src/lib/graph/json';
import {
  EMPTY_MAP_STATE,
  ancestors,
  descendants,
  edgeKey,
  findTopics,
  highlightOf,
  indexGraph,
  layeredLayout,
  layers,
  neighbourhood,
  normaliseText,
  outline,
  parseMapState,
  sameOriginGraphUrl,
  serialiseMapState,
  studyOrder,
  visibleIds,
  type MapState,
} from '../../src/lib/graph/view';

function node(id: string, level: Level = 'entry', category: Category = 'theory', aliases: string[] = []) {
  const title = id.charAt(0).toUpperCase() + id.slice(1).replaceAll('-', ' ');
  return { id, title, url: `/${id}/`, level, category, description: `About ${id}.`, hours: 1, aliases };
}

// a → b → d → e → g,  a → c → d,  f alone,  c → h (advanced)
const json: GraphJson = {
  nodes: [
    node('a', 'entry', 'theory', ['alpha']),
    node('f', 'entry', 'data handling'),
    node('b', 'entry', 'networks'),
    node('c', 'intermediate', 'theory', ['see', 'self-attention']),
    node('d', 'intermediate', 'training'),
    node('e', 'advanced', 'training'),
    node('h', 'advanced', 'theory'),
    node('g', 'expert', 'general', ['gee whiz']),
  ],
  edges: [
    { from: 'a', to: 'b', why: 'b uses a.' },
    { from: 'a', to: 'c', why: 'c uses a.' },
    { from: 'b', to: 'd', why: 'd uses b.' },
    { from: 'c', to: 'd', why: 'd uses c.' },
    { from: 'd', to: 'e', why: 'e uses d.' },
    { from: 'e', to: 'g', why: 'g uses e.' },
    { from: 'c', to: 'h', why: 'h uses c.' },
  ],
};
const index = indexGraph(json);
const sorted = (s: Iterable<string>) => [...s].sort();

describe('ancestors and descendants', () => {
  it.each([
    ['a', [], ['b', 'c', 'd', 'e', 'g', 'h']],
    ['d', ['a', 'b', 'c'], ['e', 'g']],
    ['g', ['a', 'b', 'c', 'd', 'e'], []],
    ['f', [], []],
    ['unknown', [], []],
  ])('%s', (id, up, down) => {
    expect(sorted(ancestors(index, id))).toEqual(up);
    expect(sorted(descendants(index, id))).toEqual(down);
  });
});

describe('highlight of a selection', () => {
  it.each([
    ['d', ['a->b', 'a->c', 'b->d', 'c->d', 'd->e', 'e->g']],
    // c → h is downstream of c; a → b is not on a path through c.
    ['c', ['a->c', 'c->d', 'c->h', 'd->e', 'e->g']],
    ['f', []],
  ])('%s lights the edges on paths through it', (id, edges) => {
    const h = highlightOf(index, id);
    expect(h.focus).toBe(id);
    expect(sorted(h.edges)).toEqual(edges);
    expect(h.ancestors).toEqual(ancestors(index, id));
    expect(h.descendants).toEqual(descendants(index, id));
  });
});

describe('neighbourhood', () => {
  it.each([
    ['d', 1, { b: -1, c: -1, d: 0, e: 1 }],
    ['d', 2, { a: -2, b: -1, c: -1, d: 0, e: 1, g: 2 }],
    ['a', 2, { a: 0, b: 1, c: 1, d: 2, h: 2 }],
    ['f', 2, { f: 0 }],
  ] as const)('%s within %i steps', (id, steps, expected) => {
    const n = neighbourhood(index, id, steps);
    expect(Object.fromEntries(n.distance)).toEqual(expected);
    expect(sorted(n.ids)).toEqual(sorted(Object.keys(expected)));
    for (const e of n.edges) {
      expect(n.distance.has(e.from) && n.distance.has(e.to)).toBe(true);
    }
  });

  it('keeps the edges among the ids, in study order', () => {
    const n = neighbourhood(index, 'd', 2);
    expect(n.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'g']);
    expect(n.edges.map(edgeKey)).toEqual(['a->b', 'a->c', 'b->d', 'c->d', 'd->e', 'e->g']);
  });

  it('is empty for an unknown id', () => {
    expect(neighbourhood(index, 'nope').ids).toEqual([]);
  });
});

describe('filters', () => {
  it.each([
    [{ levels: [], categories: [] }, ['a', 'f', 'b', 'c', 'd', 'e', 'h', 'g']],
    [{ levels: ['entry'], categories: [] }, ['a', 'f', 'b']],
    [{ levels: [], categories: ['theory'] }, ['a', 'c', 'h']],
    [{ levels: ['entry', 'advanced'], categories: ['theory', 'training'] }, ['a', 'e', 'h']],
    [{ levels: ['expert'], categories: ['networks'] }, []],
  ] as const)('%j', (filter, ids) => {
    expect([...visibleIds(json, filter)]).toEqual(ids);
  });
});

describe('find a topic', () => {
  it.each([
    ['a', ['a', 'c']], // the title first, then an alias containing it
    ['Alpha', ['a']],
    ['SELF ATTENTION', ['c']],
    ['self-attention', ['c']],
    ['gee', ['g']],
    ['see', ['c']],
    ['  ', []],
    ['zzz', []],
  ])('%j', (query, ids) => {
    expect(findTopics(json, query).map((n) => n.id)).toEqual(ids);
  });

  it('ranks an exact title before a prefix and a prefix before a match inside', () => {
    const j: GraphJson = {
      nodes: [node('deep-nets'), node('nets'), node('nets-in-practice'), node('z', 'entry', 'theory', ['nets of nets'])],
      edges: [],
    };
    expect(findTopics(j, 'nets').map((n) => n.id)).toEqual(['nets', 'nets-in-practice', 'z', 'deep-nets']);
  });

  it('normalises accents and punctuation', () => {
    expect(normaliseText('  Réseaux—de  Neurones! ')).toBe('reseaux de neurones');
  });
});

describe('outline', () => {
  it('lists every topic once, grouped by level, each after its prerequisites', () => {
    const groups = outline(index);
    expect(groups.map((g) => g.level)).toEqual(['entry', 'intermediate', 'advanced', 'expert']);
    const ids = groups.flatMap((g) => g.topics.map((t) => t.node.id));
    expect(ids).toEqual(['a', 'f', 'b', 'c', 'd', 'e', 'h', 'g']);
    for (const g of groups) {
      for (const t of g.topics) {
        expect(t.node.level).toBe(g.level);
        for (const p of t.prerequisites) expect(ids.indexOf(p.node.id)).toBeLessThan(ids.indexOf(t.node.id));
      }
    }
    const d = groups[1]!.topics.find((t) => t.node.id === 'd')!;
    expect(d.prerequisites.map((p) => [p.node.id, p.why])).toEqual([
      ['b', 'd uses b.'],
      ['c', 'd uses c.'],
    ]);
  });

  it('puts a prerequisite first even when the file lists it later', () => {
    const j: GraphJson = { nodes: [node('late'), node('early')], edges: [{ from: 'early', to: 'late', why: '.' }] };
    expect(studyOrder(indexGraph(j))).toEqual(['early', 'late']);
  });

  it('omits empty levels', () => {
    expect(outline(indexGraph({ nodes: [node('x', 'advanced')], edges: [] })).map((g) => g.level)).toEqual(['advanced']);
  });
});

describe('view state in the URL', () => {
  it.each<[string, MapState, string]>([
    ['', EMPTY_MAP_STATE, ''],
    ['?focus=convolution', { focus: 'convolution', levels: [], categories: [] }, '?focus=convolution'],
    [
      '?focus=a&level=entry,intermediate&category=theory',
      { focus: 'a', levels: ['entry', 'intermediate'], categories: ['theory'] },
      '?focus=a&level=entry,intermediate&category=theory',
    ],
    // Order, case and spelling of categories are normalised; unknown values are dropped.
    [
      '?level=expert,Entry,bogus&category=general,data-handling,classic%20machine%20learning',
      { focus: null, levels: ['entry', 'expert'], categories: ['data handling', 'classic machine learning', 'general'] },
      '?level=entry,expert&category=data-handling,classic-machine-learning,general',
    ],
    // All four levels is no filter.
    ['?level=entry,intermediate,advanced,expert', EMPTY_MAP_STATE, ''],
    // A focus that is not an id is ignored.
    ['?focus=%3Cscript%3E', EMPTY_MAP_STATE, ''],
    ['?level=&category=', EMPTY_MAP_STATE, ''],
  ])('%s', (search, state, canonical) => {
    const parsed = parseMapState(search);
    expect(parsed).toEqual(state);
    expect(serialiseMapState(parsed)).toBe(canonical);
    expect(parseMapState(serialiseMapState(parsed))).toEqual(parsed);
  });
});

describe('graph address from the URL', () => {
  const page = 'http://127.0.0.1:4321/map/?graph=x';
  it.each([
    [null, null],
    ['/bench/graph.json', 'http://127.0.0.1:4321/bench/graph.json'],
    ['synthetic.json', 'http://127.0.0.1:4321/map/synthetic.json'],
    ['https://evil.example/graph.json', null],
    ['//evil.example/graph.json', null],
    ['/graph.js', null],
    ['javascript:alert(1)//.json', null],
  ])('%s', (param, expected) => {
    expect(sameOriginGraphUrl(param, page)).toBe(expected);
  });
});

describe('layered layout', () => {
  it('puts every topic below its prerequisites', () => {
    const points = layeredLayout(index, { nodeSep: 10, rankSep: 100 });
    expect(points.size).toBe(json.nodes.length);
    for (const e of json.edges) expect(points.get(e.to)!.y).toBeGreaterThan(points.get(e.from)!.y);
  });

  it('runs left to right on request', () => {
    const points = layeredLayout(index, { nodeSep: 10, rankSep: 100, direction: 'LR' });
    for (const e of json.edges) expect(points.get(e.to)!.x).toBeGreaterThan(points.get(e.from)!.x);
  });

  it('keeps the levels in bands when asked', () => {
    const plain = layers(index);
    expect(plain.get('f')).toBe(0);
    const bands = layers(index, true);
    const byLevel = (l: Level) => json.nodes.filter((n) => n.level === l).map((n) => bands.get(n.id)!);
    expect(Math.min(...byLevel('intermediate'))).toBeGreaterThan(Math.max(...byLevel('entry')));
    expect(Math.min(...byLevel('expert'))).toBeGreaterThan(Math.max(...byLevel('advanced')));
  });

  it('places no two topics on the same spot', () => {
    const points = layeredLayout(index, { nodeSep: 10, rankSep: 100 });
    const spots = new Set([...points.values()].map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(points.size);
  });
});
