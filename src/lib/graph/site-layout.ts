/**
 * The map's layout, computed once at build time: cytoscape runs headless in Node with the same
 * dagre options the browser used, so the map page ships positions instead of dagre and a second
 * of layout work. Headless cytoscape cannot measure text, so each node is given the box its
 * wrapped label will need, estimated from the title (the estimate errs wide, never narrow).
 */
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { DAGRE_LIMIT, LABEL_STYLE, MAP_DAGRE } from './dagre-options';
import type { GraphJson } from './json';
import type { Point } from './view';

/** Average advance of a character of a system-ui font, in em; a little generous, so labels do not collide. */
const CHAR_EM = 0.56;

export interface Box {
  w: number;
  h: number;
}

/** Lines of the title wrapped at the label width, as cytoscape wraps at spaces. */
export function wrapTitle(title: string, fontSize: number = LABEL_STYLE.fontSize, wrapWidth: number = LABEL_STYLE.wrapWidth): string[] {
  const width = (s: string) => s.length * CHAR_EM * fontSize;
  const lines: string[] = [];
  for (const word of title.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && width(`${last} ${word}`) <= wrapWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The node with its label underneath: the box dagre must keep clear. */
export function labelBox(title: string, expert = false): Box {
  const { fontSize, margin, lineHeight, node, expertNode } = LABEL_STYLE;
  const lines = wrapTitle(title);
  const size = expert ? expertNode : node;
  const widest = Math.max(0, ...lines.map((l) => l.length * CHAR_EM * fontSize));
  return { w: Math.ceil(Math.max(size, widest + 2)), h: Math.ceil(size + margin + lines.length * fontSize * lineHeight + 2) };
}

let registered = false;

/**
 * Every topic's position, laid out left to right from entry to expert; empty for a graph too large
 * for dagre, which the browser lays out with its linear layered layout instead.
 */
export function siteLayout(graph: GraphJson): Record<string, Point> {
  if (graph.nodes.length > DAGRE_LIMIT) return {};
  if (!registered) {
    cytoscape.use(dagre);
    registered = true;
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, ...labelBox(n.title, n.level === 'expert') } })),
      ...graph.edges.map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.from, target: e.to } })),
    ],
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'rectangle' } }],
  });
  cy.layout({ name: 'dagre', ...MAP_DAGRE, fit: false } as cytoscape.LayoutOptions).run();
  const positions: Record<string, Point> = {};
  cy.nodes().forEach((n) => {
    const p = n.position();
    positions[n.id()] = { x: Math.round(p.x), y: Math.round(p.y) };
  });
  cy.destroy();
  return positions;
}
