/**
 * What the graph views share: the shape of each level (so colour is never the only cue), the
 * theme's colours read from the page's CSS variables, and the cytoscape stylesheet built from
 * them. Only types come from cytoscape here, so importing this module costs nothing.
 */
import type { StylesheetJson } from 'cytoscape';
import { LEVELS, type Level } from '../../lib/content/taxonomy';
import { LABEL_STYLE } from '../../lib/graph/dagre-options';

/** Cytoscape node shapes; `LevelShape.astro` draws the same four in SVG for the legend. */
export const LEVEL_SHAPES: Record<Level, 'ellipse' | 'rectangle' | 'diamond' | 'star'> = {
  entry: 'ellipse',
  intermediate: 'rectangle',
  advanced: 'diamond',
  expert: 'star',
};

export interface GraphColours {
  level: Record<Level, string>;
  /** Labels and the selected node's ring. */
  text: string;
  /** Ordinary edges. */
  edge: string;
  /** Edges on a highlighted path. */
  path: string;
  /** The page background, behind labels. */
  background: string;
  /** Keyboard focus ring and hovered edges. */
  accent: string;
}

/**
 * Resolves CSS variables through a probe element, so that whatever syntax the theme uses
 * (hsl with or without commas, nested variables) cytoscape gets plain `rgb(…)`.
 */
export function readColours(root: HTMLElement = document.documentElement): GraphColours {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  root.append(probe);
  const resolve = (value: string): string => {
    probe.style.color = '';
    probe.style.color = value;
    return getComputedStyle(probe).color;
  };
  const colours: GraphColours = {
    level: Object.fromEntries(LEVELS.map((l) => [l, resolve(`var(--atlas-${l})`)])) as Record<Level, string>,
    text: resolve('var(--sl-color-white)'),
    edge: resolve('var(--sl-color-gray-4)'),
    path: resolve('var(--sl-color-gray-1)'),
    background: resolve('var(--sl-color-bg)'),
    accent: resolve('var(--sl-color-text-accent)'),
  };
  probe.remove();
  return colours;
}

/** Calls `onChange` whenever Starlight switches between light and dark. Returns a stop function. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

export interface StyleOptions {
  /** Thousands of elements: straight "haystack" edges and no arrowheads, which draw much faster. */
  large?: boolean;
  /** Font size of labels in model units. */
  fontSize?: number;
  /** Width labels wrap at, in model units. */
  labelWidth?: number;
}

export function graphStylesheet(c: GraphColours, options: StyleOptions = {}): StylesheetJson {
  const { large = false, fontSize = LABEL_STYLE.fontSize, labelWidth = LABEL_STYLE.wrapWidth } = options;
  return [
    {
      selector: 'node',
      style: {
        width: LABEL_STYLE.node,
        height: LABEL_STYLE.node,
        'border-width': 1.5,
        'border-color': c.background,
        label: 'data(title)',
        'font-size': fontSize,
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        color: c.text,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': LABEL_STYLE.margin,
        'text-wrap': 'wrap',
        'text-max-width': `${labelWidth}px`,
        'text-background-color': c.background,
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        'min-zoomed-font-size': large ? 9 : 6,
      },
    },
    ...LEVELS.map((level) => ({
      selector: `node[level = "${level}"]`,
      style: {
        shape: LEVEL_SHAPES[level],
        'background-color': c.level[level],
        ...(level === 'expert' ? { width: LABEL_STYLE.expertNode, height: LABEL_STYLE.expertNode } : {}),
      },
    })),
    {
      selector: 'edge',
      style: large
        ? { 'curve-style': 'haystack', 'haystack-radius': 0, width: 0.6, 'line-color': c.edge, opacity: 0.6 }
        : {
            'curve-style': 'bezier',
            width: 1.1,
            'line-color': c.edge,
            'target-arrow-shape': 'triangle',
            'target-arrow-color': c.edge,
            'arrow-scale': 0.7,
          },
    },
    // In a large graph dimmed labels and edges are not drawn at all: thousands of faint labels and
    // lines cost most of a frame, and at this opacity they add little.
    { selector: '.dimmed', style: large ? { opacity: 0.15, label: '' } : { opacity: 0.15 } },
    { selector: 'edge.dimmed', style: large ? { visibility: 'hidden' } : { opacity: 0.08 } },
    {
      selector: 'edge.path',
      style: { width: large ? 1.5 : 2, 'line-color': c.path, 'target-arrow-color': c.path, opacity: 1, 'z-index': 5 },
    },
    {
      selector: 'node.focus',
      style: {
        'border-width': 3,
        'border-color': c.text,
        width: 28,
        height: 28,
        'font-weight': 'bold',
        'font-size': fontSize + 2,
        'z-index': 10,
      },
    },
    {
      selector: 'node.cursor',
      style: { 'outline-width': 3, 'outline-color': c.accent, 'outline-offset': 3, 'outline-opacity': 1 },
    },
    {
      selector: 'edge.hover',
      style: { width: 3.5, 'line-color': c.accent, 'target-arrow-color': c.accent, opacity: 1, 'z-index': 20 },
    },
    { selector: '.filtered', style: { display: 'none' } },
  ];
}

/** The level's node shape as a small inline SVG (decorative: the level's name is always written beside it). */
export function levelShapeSvg(level: Level, size = 14): string {
  const shape = {
    entry: '<circle cx="7" cy="7" r="6"/>',
    intermediate: '<rect x="1.5" y="1.5" width="11" height="11"/>',
    advanced: '<polygon points="7,0.5 13.5,7 7,13.5 0.5,7"/>',
    expert: '<polygon points="7,0.3 8.9,5 13.9,5.1 10,8.3 11.3,13.2 7,10.4 2.7,13.2 4,8.3 0.1,5.1 5.1,5"/>',
  }[level];
  return `<svg class="level-shape" width="${size}" height="${size}" viewBox="0 0 14 14" aria-hidden="true" focusable="false" fill="currentColor" stroke="none">${shape}</svg>`;
}
