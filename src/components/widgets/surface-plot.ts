/**
 * Contour lines of the optimizer race's loss surfaces with d3-contour, as SVG path strings: used
 * at build time for the static figure and in the browser for the live one. No tfjs, no DOM.
 */
import { contours } from 'd3-contour';
import { scaleLinear } from 'd3-scale';
import { SURFACE_INFO, surfaceValue, type SurfaceName } from '../../lib/ml/optimizers';

export const PLOT_W = 640;
export const PLOT_H = 400;
const GRID = 120;

export function plotScales(surface: SurfaceName, width = PLOT_W, height = PLOT_H) {
  const s = SURFACE_INFO[surface];
  return {
    x: scaleLinear().domain(s.x).range([0, width]),
    y: scaleLinear().domain(s.y).range([height, 0]),
  };
}

/** Contour paths at log-spaced heights above the lowest value on the grid, lowest first. */
export function contourPaths(surface: SurfaceName, width = PLOT_W, height = PLOT_H, levels = 14): { d: string; level: number }[] {
  const s = SURFACE_INFO[surface];
  const values = new Array<number>(GRID * GRID);
  for (let j = 0; j < GRID; j++) {
    const y = s.y[1] - ((s.y[1] - s.y[0]) * (j + 0.5)) / GRID;
    for (let i = 0; i < GRID; i++) values[j * GRID + i] = surfaceValue(surface, s.x[0] + ((s.x[1] - s.x[0]) * (i + 0.5)) / GRID, y);
  }
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo;
  const thresholds = Array.from({ length: levels }, (_, k) => lo + span * 10 ** (-3.5 + (3.3 * k) / (levels - 1)));
  const sx = width / GRID;
  const sy = height / GRID;
  return contours()
    .size([GRID, GRID])
    .thresholds(thresholds)(values)
    .map((c, k) => ({
      level: k,
      d: c.coordinates
        .flatMap((polygon) => polygon.map((ring) => 'M' + ring.map((pt) => `${((pt[0] ?? 0) * sx).toFixed(1)},${((pt[1] ?? 0) * sy).toFixed(1)}`).join('L') + 'Z'))
        .join(''),
    }));
}
