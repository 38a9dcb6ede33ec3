/**
 * Draws the neighbourhood graph of a topic page into an <atlas-neighbourhood> element. Loaded
 * by dynamic import when the element nears the viewport; brings cytoscape with it (no dagre:
 * a neighbourhood is laid out by the linear layered layout).
 */
import type { GraphJson } from '../../lib/graph/json';
import { indexGraph, layeredLayout, neighbourhood, subgraph, type GraphIndex, type Point } from '../../lib/graph/view';
import { graphStylesheet, readColours, watchTheme } from './graph-style';
import { loadCytoscape } from './load-cytoscape';

let graphJson: Promise<GraphJson> | undefined;

function fetchGraph(url: string): Promise<GraphJson> {
  graphJson ??= fetch(url).then((r) => {
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return r.json() as Promise<GraphJson>;
  });
  return graphJson;
}

/** The host element, with a hook that says where a topic is drawn (for tests). */
interface NeighbourhoodHost extends HTMLElement {
  renderedPosition?: (id: string) => { x: number; y: number } | null;
}

const PAD = 24;
const MIN_HEIGHT = 240;
const MAX_HEIGHT = 560;
const MAX_ZOOM = 1.2;

/**
 * Lays the neighbourhood out left to right or top to bottom, whichever lets it be drawn larger
 * in the column's width, and sizes the canvas to fit (a hub with dozens of neighbours gets a
 * taller canvas than a topic with three).
 */
function fitLayout(sub: GraphIndex, width: number): { points: Map<string, Point>; labelWidth: number; height: number } {
  const labelWidth = width < 560 ? 100 : 140;
  const candidates = (['LR', 'TB'] as const).map((direction) => {
    const points = layeredLayout(
      sub,
      direction === 'LR' ? { nodeSep: 46, rankSep: labelWidth + 36, direction } : { nodeSep: labelWidth + 12, rankSep: 84, direction },
    );
    const xs = [...points.values()].map((p) => p.x);
    const ys = [...points.values()].map((p) => p.y);
    // Each node's box: the label's width across, the node and two lines of label down.
    const w = Math.max(...xs) - Math.min(...xs) + labelWidth;
    const h = Math.max(...ys) - Math.min(...ys) + 50;
    const zoom = Math.min(MAX_ZOOM, (width - 2 * PAD) / w, (MAX_HEIGHT - 2 * PAD) / h);
    return { points, zoom, h };
  });
  const best = candidates[0]!.zoom >= candidates[1]!.zoom ? candidates[0]! : candidates[1]!;
  return { points: best.points, labelWidth, height: Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, best.h * best.zoom + 2 * PAD)) };
}

export async function drawNeighbourhood(host: NeighbourhoodHost): Promise<void> {
  performance.mark('atlas-neighbourhood-start');
  const id = host.dataset.topic!;
  const [json, cytoscape] = await Promise.all([fetchGraph(host.dataset.graph ?? '/graph.json'), loadCytoscape()]);
  const index = indexGraph(json);
  const near = neighbourhood(index, id, 2);
  if (near.ids.length === 0) throw new Error(`unknown topic ${id}`);
  const sub = indexGraph(subgraph(json, new Set(near.ids), near.edges));

  const container = host.querySelector<HTMLElement>('[data-canvas]')!;
  const { points, labelWidth, height } = fitLayout(sub, container.clientWidth);
  container.querySelector('[data-placeholder]')?.remove();
  container.style.height = `${Math.round(height)}px`;

  const cy = cytoscape({
    container,
    elements: [
      ...sub.json.nodes.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, title: n.title, level: n.level, url: n.url },
        position: { ...points.get(n.id)! },
        classes: n.id === id ? 'focus' : '',
      })),
      ...sub.json.edges.map((e) => ({ group: 'edges' as const, data: { id: `${e.from}->${e.to}`, source: e.from, target: e.to } })),
    ],
    style: graphStylesheet(readColours(), { fontSize: 12, labelWidth }),
    layout: { name: 'preset', fit: true, padding: PAD },
    userZoomingEnabled: false,
    userPanningEnabled: false,
    boxSelectionEnabled: false,
    autoungrabify: true,
    autounselectify: true,
  });
  if (cy.zoom() > MAX_ZOOM) {
    cy.zoom(MAX_ZOOM);
    cy.center();
  }
  cy.on('tap', 'node', (event) => {
    const url = event.target.data('url') as string;
    if (event.target.id() !== id) location.assign(url);
  });
  cy.on('mouseover', 'node', (event) => {
    container.style.cursor = event.target.id() === id ? '' : 'pointer';
  });
  cy.on('mouseout', 'node', () => (container.style.cursor = ''));
  watchTheme(() => cy.style().fromJson(graphStylesheet(readColours(), { fontSize: 12, labelWidth })).update());
  new ResizeObserver(() => {
    cy.resize();
    cy.fit(undefined, PAD);
    if (cy.zoom() > MAX_ZOOM) {
      cy.zoom(MAX_ZOOM);
      cy.center();
    }
  }).observe(container);
  host.renderedPosition = (topic) => {
    const node = cy.getElementById(topic);
    return node.nonempty() ? node.renderedPosition() : null;
  };
  cy.one('render', () => {
    performance.mark('atlas-neighbourhood-ready');
    host.dataset.state = 'ready';
  });
  cy.forceRender();
}
