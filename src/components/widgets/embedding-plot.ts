/**
 * Where the embedding widget draws each word: a square plot centred on the origin that fits every
 * vector, and one marker shape per word group so that colour is never the only cue. Used at build
 * time for the static figure and in the browser for the live one. No tfjs, no DOM.
 */
import { scaleLinear } from 'd3-scale';
import { symbol, symbolCircle, symbolDiamond, symbolSquare, symbolTriangle } from 'd3-shape';

export const EMB_SIZE = 360;
const PAD = 34;
const SHAPES = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond];
export const SHAPE_NAMES = ['circles', 'squares', 'triangles', 'diamonds'];

/** The marker path of a group (its index in GROUP_NAMES), centred on 0,0. */
export function groupMarker(group: number, size = 70): string {
  return symbol(SHAPES[group % SHAPES.length]!, size)() ?? '';
}

/** Pixel positions of the vectors; the scale is symmetric so the origin stays in the middle. */
export function embeddingPositions(vectors: readonly (readonly number[])[], size = EMB_SIZE): [number, number][] {
  const r = Math.max(0.5, ...vectors.flatMap((v) => v.map(Math.abs)));
  const x = scaleLinear().domain([-r, r]).range([PAD, size - PAD]);
  const y = scaleLinear().domain([-r, r]).range([size - PAD, PAD]);
  return vectors.map((v) => [x(v[0]!), y(v[1]!)]);
}
