/**
 * The only door to cytoscape and dagre: both arrive as dynamic imports, so they are split into
 * their own chunks and only pages that draw a graph ever request them.
 */
import type cytoscape from 'cytoscape';

export type Cytoscape = typeof cytoscape;

let plain: Promise<Cytoscape> | undefined;
let withDagre: Promise<Cytoscape> | undefined;

export function loadCytoscape(): Promise<Cytoscape> {
  plain ??= import('cytoscape').then((m) => m.default);
  return plain;
}

/** Cytoscape with the dagre layout registered (once). */
export function loadCytoscapeWithDagre(): Promise<Cytoscape> {
  withDagre ??= Promise.all([loadCytoscape(), import('cytoscape-dagre')]).then(([cy, dagre]) => {
    cy.use(dagre.default);
    return cy;
  });
  return withDagre;
}
