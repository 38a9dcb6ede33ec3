/**
 * The map's layout constants, shared by the stylesheet (graph-style.ts), the build-time layout
 * (site-layout.ts) and the browser's dagre fallback, without importing dagre itself.
 */
/** Above this many topics dagre is too slow (minutes for 2,000); the linear layered layout takes over. */
export const DAGRE_LIMIT = 600;

/** Left to right, tightly packed; dagre spaces the nodes by their label boxes. */
export const MAP_DAGRE = { rankDir: 'LR', nodeSep: 4, rankSep: 28, edgeSep: 2 } as const;

/** What the stylesheet draws: node diameters, label font size, wrap width and gap, all in model units. */
export const LABEL_STYLE = { fontSize: 11, wrapWidth: 120, margin: 3, lineHeight: 1.25, node: 18, expertNode: 22 } as const;
