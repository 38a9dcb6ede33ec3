/**
 * Pure helpers for the graph views in the browser (the map and the neighbourhood graph on
 * topic pages). They work on `GraphJson`, the file the browser fetches, and never touch the
 * DOM: highlight sets, neighbourhoods, filters, finding a topic, the text outline, the view
 * state held in the URL, and a fast layered layout for graphs too large for dagre.
 */
import { CATEGORIES, LEVELS, type Category, type Level } from '../content/taxonomy';
import type { GraphJson } from './json';
import { topologicalOrder } from './order';

export type GraphNode = GraphJson['nodes'][number];
export type GraphEdge = GraphJson['edges'][number];

/** GraphJson with lookups by id, built once per view. */
export interface GraphIndex {
  readonly json: GraphJson;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Position of each node in `json.nodes` (the site's study order). */
  readonly rank: ReadonlyMap<string, number>;
  /** Edges into a topic: what to learn first. */
  readonly prerequisitesOf: ReadonlyMap<string, readonly GraphEdge[]>;
  /** Edges out of a topic: what it unlocks. */
  readonly unlocksOf: ReadonlyMap<string, readonly GraphEdge[]>;
}

export function indexGraph(json: GraphJson): GraphIndex {
  const nodes = new Map(json.nodes.map((n) => [n.id, n]));
  const prerequisitesOf = new Map<string, GraphEdge[]>(json.nodes.map((n) => [n.id, []]));
  const unlocksOf = new Map<string, GraphEdge[]>(json.nodes.map((n) => [n.id, []]));
  for (const e of json.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue;
    prerequisitesOf.get(e.to)!.push(e);
    unlocksOf.get(e.from)!.push(e);
  }
  return { json, nodes, rank: new Map(json.nodes.map((n, i) => [n.id, i])), prerequisitesOf, unlocksOf };
}

/** A stable key for an edge; ids are lower-case words and hyphens, so "->" never occurs inside one. */
export function edgeKey(edge: { from: string; to: string }): string {
  return `${edge.from}->${edge.to}`;
}

/** Breadth-first along one direction; returns each reached id with its distance (the start excluded). */
function walk(index: GraphIndex, start: string, up: boolean, maxSteps = Infinity): Map<string, number> {
  const distance = new Map<string, number>();
  let frontier = [start];
  for (let step = 1; frontier.length > 0 && step <= maxSteps; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of (up ? index.prerequisitesOf : index.unlocksOf).get(id) ?? []) {
        const other = up ? e.from : e.to;
        if (other === start || distance.has(other)) continue;
        distance.set(other, step);
        next.push(other);
      }
    }
    frontier = next;
  }
  return distance;
}

/** Everything to learn before `id`, transitively. */
export function ancestors(index: GraphIndex, id: string): Set<string> {
  return new Set(walk(index, id, true).keys());
}

/** Everything `id` leads to, transitively. */
export function descendants(index: GraphIndex, id: string): Set<string> {
  return new Set(walk(index, id, false).keys());
}

export interface Highlight {
  focus: string;
  ancestors: Set<string>;
  descendants: Set<string>;
  /** Keys (see `edgeKey`) of the edges on a path through the focus. */
  edges: Set<string>;
}

/** What a selection lights up: the focus, its ancestors, its descendants and the edges among them. */
export function highlightOf(index: GraphIndex, id: string): Highlight {
  const up = ancestors(index, id);
  const down = descendants(index, id);
  const edges = new Set<string>();
  for (const e of index.json.edges) {
    const upstream = up.has(e.from) && (e.to === id || up.has(e.to));
    const downstream = down.has(e.to) && (e.from === id || down.has(e.from));
    if (upstream || downstream) edges.add(edgeKey(e));
  }
  return { focus: id, ancestors: up, descendants: down, edges };
}

export interface Neighbourhood {
  /** Every id within `steps` of the centre, the centre included, in the order of `json.nodes`. */
  ids: string[];
  /** Signed distance from the centre: negative for prerequisites, positive for what it unlocks. */
  distance: Map<string, number>;
  /** The edges among those ids. */
  edges: GraphEdge[];
}

/** The topic, what it needs and what it unlocks, up to `steps` edges each way. */
export function neighbourhood(index: GraphIndex, id: string, steps = 2): Neighbourhood {
  const distance = new Map<string, number>([[id, 0]]);
  if (!index.nodes.has(id)) return { ids: [], distance: new Map(), edges: [] };
  for (const [other, d] of walk(index, id, true, steps)) distance.set(other, -d);
  for (const [other, d] of walk(index, id, false, steps)) distance.set(other, d);
  const ids = [...distance.keys()].sort((a, b) => index.rank.get(a)! - index.rank.get(b)!);
  const edges = index.json.edges.filter((e) => {
    const a = distance.get(e.from);
    const b = distance.get(e.to);
    // Edges between the two sides (a prerequisite straight to something unlocked) skip the centre and only add clutter.
    return a !== undefined && b !== undefined && !(a < 0 && b > 0);
  });
  return { ids, distance, edges };
}

/** Which levels and categories to show; an empty list means all of them. */
export interface Filter {
  levels: readonly Level[];
  categories: readonly Category[];
}

export function matchesFilter(node: GraphNode, filter: Filter): boolean {
  return (
    (filter.levels.length === 0 || filter.levels.includes(node.level)) &&
    (filter.categories.length === 0 || filter.categories.includes(node.category))
  );
}

export function visibleIds(json: GraphJson, filter: Filter): Set<string> {
  return new Set(json.nodes.filter((n) => matchesFilter(n, filter)).map((n) => n.id));
}

/** Lower case, accents and punctuation removed, spaces collapsed: "Self-Attention" → "self attention". */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
}

/**
 * Topics matching a query by title, alias or id, best first: exact title, exact alias or id,
 * title prefix, alias prefix, a word of the title starting with the query, then anywhere.
 * Ties keep the study order.
 */
export function findTopics(json: GraphJson, query: string, limit = 10): GraphNode[] {
  const q = normaliseText(query);
  if (q === '') return [];
  const score = (n: GraphNode): number => {
    const title = normaliseText(n.title);
    const names = [normaliseText(n.id), ...n.aliases.map(normaliseText)];
    if (title === q) return 0;
    if (names.includes(q)) return 1;
    if (title.startsWith(q)) return 2;
    if (names.some((a) => a.startsWith(q))) return 3;
    if (` ${title}`.includes(` ${q}`)) return 4;
    if (title.includes(q)) return 5;
    if (names.some((a) => a.includes(q))) return 6;
    return Infinity;
  };
  return json.nodes
    .map((node, i) => ({ node, i, s: score(node) }))
    .filter((x) => x.s !== Infinity)
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.node);
}

/** Every id, each after its prerequisites; ties keep the order of `json.nodes`. */
export function studyOrder(index: GraphIndex): string[] {
  const order = topologicalOrder(
    index.json.nodes.map((n) => n.id),
    (id) => (index.prerequisitesOf.get(id) ?? []).map((e) => e.from),
    (a, b) => index.rank.get(a)! - index.rank.get(b)!,
  );
  if (!order) throw new Error('the graph has a cycle');
  return order;
}

export interface OutlineGroup {
  level: Level;
  topics: { node: GraphNode; prerequisites: { node: GraphNode; why: string }[] }[];
}

/**
 * The text alternative to the map: every topic in study order, grouped by level, each with its
 * prerequisites. A prerequisite never sits above its topic's level, so grouping keeps the order valid.
 */
export function outline(index: GraphIndex): OutlineGroup[] {
  const order = studyOrder(index);
  return LEVELS.map((level) => ({
    level,
    topics: order
      .map((id) => index.nodes.get(id)!)
      .filter((n) => n.level === level)
      .map((node) => ({
        node,
        prerequisites: (index.prerequisitesOf.get(node.id) ?? []).map((e) => ({ node: index.nodes.get(e.from)!, why: e.why })),
      })),
  })).filter((g) => g.topics.length > 0);
}

// ---------------------------------------------------------------------------------------------
// The view state in the URL: /map/?focus=<id>&level=entry,intermediate&category=theory,data-handling

export interface MapState extends Filter {
  /** The selected topic, if any. */
  focus: string | null;
}

export const EMPTY_MAP_STATE: MapState = { focus: null, levels: [], categories: [] };

/** Categories contain spaces; in the URL they are written with hyphens. */
export function categorySlug(category: Category): string {
  return category.replaceAll(' ', '-');
}

function parseList<T extends string>(value: string | null, all: readonly T[], slug: (x: T) => string): T[] {
  if (!value) return [];
  const wanted = new Set(value.split(',').map((s) => s.trim().toLowerCase().replaceAll(' ', '-')));
  const picked = all.filter((x) => wanted.has(slug(x)));
  // Every value picked is the same as no filter: keep one spelling of each state.
  return picked.length === all.length ? [] : picked;
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads the view from a query string (`location.search`); unknown values are dropped. */
export function parseMapState(search: string): MapState {
  const params = new URLSearchParams(search);
  const focus = params.get('focus');
  return {
    focus: focus && ID_PATTERN.test(focus) ? focus : null,
    levels: parseList(params.get('level'), LEVELS, (l) => l),
    categories: parseList(params.get('category'), CATEGORIES, categorySlug),
  };
}

/** Writes the view as a query string ('' for the default view), values in the guide's order. */
export function serialiseMapState(state: MapState): string {
  const parts: string[] = [];
  if (state.focus) parts.push(`focus=${encodeURIComponent(state.focus)}`);
  const levels = LEVELS.filter((l) => state.levels.includes(l));
  if (levels.length > 0 && levels.length < LEVELS.length) parts.push(`level=${levels.join(',')}`);
  const categories = CATEGORIES.filter((c) => state.categories.includes(c));
  if (categories.length > 0 && categories.length < CATEGORIES.length) {
    parts.push(`category=${categories.map(categorySlug).join(',')}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export function sameMapState(a: MapState, b: MapState): boolean {
  return serialiseMapState(a) === serialiseMapState(b);
}

/**
 * The `graph` query parameter lets a test or benchmark load another graph file. Only a
 * same-origin `.json` address is honoured; anything else gives null.
 */
export function sameOriginGraphUrl(param: string | null, pageUrl: string): string | null {
  if (!param) return null;
  try {
    const page = new URL(pageUrl);
    const url = new URL(param, page);
    return url.origin === page.origin && url.pathname.endsWith('.json') ? url.href : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// A layered layout in linear time per sweep, for graphs too large for dagre (thousands of
// topics) and for the small neighbourhood graphs: longest-path layers, then barycentre sweeps.

export interface LayeredOptions {
  /** Distance between neighbours in a layer. */
  nodeSep: number;
  /** Distance between layers. */
  rankSep: number;
  /** Down-and-up barycentre sweeps to reduce crossings. */
  sweeps?: number;
  /** Layers run top to bottom (TB) or left to right (LR). */
  direction?: 'TB' | 'LR';
  /** Push each level below the previous ones, so that the levels form bands. */
  levelBands?: boolean;
}

export interface Point {
  x: number;
  y: number;
}

/** Layer of each id: one below its lowest prerequisite (and, with level bands, below every lower level). */
export function layers(index: GraphIndex, levelBands = false): Map<string, number> {
  const order = studyOrder(index);
  const layer = new Map<string, number>();
  const assign = (ids: readonly string[], floor: number): number => {
    let deepest = floor - 1;
    for (const id of ids) {
      let l = floor;
      for (const e of index.prerequisitesOf.get(id) ?? []) l = Math.max(l, layer.get(e.from)! + 1);
      layer.set(id, l);
      deepest = Math.max(deepest, l);
    }
    return deepest;
  };
  if (!levelBands) {
    assign(order, 0);
    return layer;
  }
  let floor = 0;
  for (const level of LEVELS) {
    const deepest = assign(
      order.filter((id) => index.nodes.get(id)!.level === level),
      floor,
    );
    floor = Math.max(floor, deepest + 1);
  }
  return layer;
}

export function layeredLayout(index: GraphIndex, options: LayeredOptions): Map<string, Point> {
  const { nodeSep, rankSep, sweeps = 4, direction = 'TB', levelBands = false } = options;
  const layer = layers(index, levelBands);
  const rows: string[][] = [];
  for (const id of studyOrder(index)) (rows[layer.get(id)!] ??= []).push(id);
  const pos = new Map<string, number>();
  const place = () => rows.forEach((row) => row?.forEach((id, i) => pos.set(id, i - (row.length - 1) / 2)));
  place();
  const barycentre = (id: string, up: boolean): number => {
    const list = (up ? index.prerequisitesOf : index.unlocksOf).get(id) ?? [];
    if (list.length === 0) return pos.get(id)!;
    let sum = 0;
    for (const e of list) sum += pos.get(up ? e.from : e.to)!;
    return sum / list.length;
  };
  for (let s = 0; s < sweeps; s++) {
    const up = s % 2 === 0;
    const sequence = up ? rows : [...rows].reverse();
    for (const row of sequence) {
      if (!row) continue;
      const key = new Map(row.map((id) => [id, barycentre(id, up)]));
      row.sort((a, b) => key.get(a)! - key.get(b)!);
      row.forEach((id, i) => pos.set(id, i - (row.length - 1) / 2));
    }
  }
  const points = new Map<string, Point>();
  rows.forEach((row, r) =>
    row?.forEach((id) => {
      const along = pos.get(id)! * nodeSep;
      const across = r * rankSep;
      points.set(id, direction === 'TB' ? { x: along, y: across } : { x: across, y: along });
    }),
  );
  return points;
}

/** Rebuilds a GraphJson with only the given ids and the edges among them. */
export function subgraph(json: GraphJson, ids: ReadonlySet<string>, edges?: readonly GraphEdge[]): GraphJson {
  return {
    nodes: json.nodes.filter((n) => ids.has(n.id)),
    edges: (edges ?? json.edges).filter((e) => ids.has(e.from) && ids.has(e.to)),
  };
}
