/**
 * The mixed-precision widget's histogram as plain geometry: one bar per binade of |S·g|, stacked by
 * fate, over the format's zones (flushed to zero, subnormal, normal, overflowing). Used at build
 * time for the static figure and in the browser with d3 for the live one. No tfjs, no DOM.
 */
import { scaleLinear } from 'd3-scale';
import { FORMAT_INFO, fateHistogram, type FormatName } from '../../lib/ml/precision';

/** The x-axis: |S·g| from 2^LO to 2^HI, wide enough for every seed at every S. */
export const LOG2_LO = -40;
export const LOG2_HI = 24;
export const PLOT_H = 220;
const M = { top: 22, right: 10, bottom: 30, left: 34 };

export const BAR_FATES = ['underflow', 'kept', 'overflow'] as const;
export type BarFate = (typeof BAR_FATES)[number];
export type ZoneKind = 'zero' | 'subnormal' | 'normal' | 'infinite';

export interface Zone {
  kind: ZoneKind;
  x: number;
  width: number;
  /** Empty when the zone is too narrow for its name. */
  label: string;
}

export interface Bar {
  fate: BarFate;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tick {
  at: number;
  label: string;
}

export interface HistogramPlot {
  width: number;
  height: number;
  /** y of the baseline, and the plotting area's left and right. */
  base: number;
  left: number;
  right: number;
  top: number;
  zones: Zone[];
  bars: Bar[];
  /** Step outline of the unscaled gradients, or '' when not asked for. */
  ghost: string;
  xTicks: Tick[];
  yTicks: Tick[];
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 2^k as text with a superscript exponent: 2⁻²⁴. */
export function powerOfTwo(k: number): string {
  return '2' + [...String(k)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

const ZONE_NAMES: Record<ZoneKind, string> = { zero: '→ 0', subnormal: 'subnormal', normal: 'normal range', infinite: '→ ∞' };

/** Where storing in the format flushes to 0, loses digits, is exact to the mantissa, or overflows (log₂ units). */
export function zoneEdges(format: FormatName): [ZoneKind, number, number][] {
  const f = FORMAT_INFO[format];
  // Below half the smallest subnormal, round-to-nearest gives 0.
  const zero = Math.log2(f.minSubnormal) - 1;
  const normal = Math.log2(f.minNormal);
  const max = Math.log2(f.max);
  return [
    ['zero', -Infinity, zero],
    ['subnormal', zero, normal],
    ['normal', normal, max],
    ['infinite', max, Infinity],
  ];
}

/**
 * The histogram of the scaled gradients in `format` at `width` pixels, with a step outline of the
 * unscaled ones when given; the y-axis fits the taller of the two.
 */
export function histogramPlot(format: FormatName, scaled: readonly number[], unscaled: readonly number[] | null, width: number, height = PLOT_H): HistogramPlot {
  const x = scaleLinear().domain([LOG2_LO, LOG2_HI]).range([M.left, width - M.right]);
  const bins = fateHistogram(format, scaled, LOG2_LO, LOG2_HI);
  const ghostBins = unscaled ? fateHistogram(format, unscaled, LOG2_LO, LOG2_HI) : [];
  const total = (b: { underflow: number; kept: number; overflow: number }) => b.underflow + b.kept + b.overflow;
  const tallest = Math.max(1, ...bins.map(total), ...ghostBins.map(total));
  const yMax = Math.ceil(tallest / 10) * 10;
  const base = height - M.bottom;
  const y = scaleLinear().domain([0, yMax]).range([base, M.top]);

  const zones: Zone[] = [];
  for (const [kind, from, to] of zoneEdges(format)) {
    const x0 = x(Math.max(LOG2_LO, from));
    const x1 = x(Math.min(LOG2_HI, to));
    if (x1 - x0 < 1) continue;
    // About 6.5 px per character at the labels' size.
    zones.push({ kind, x: x0, width: x1 - x0, label: ZONE_NAMES[kind].length * 6.5 + 6 <= x1 - x0 ? ZONE_NAMES[kind] : '' });
  }

  const bars: Bar[] = [];
  const w = x(LOG2_LO + 1) - x(LOG2_LO);
  for (const bin of bins) {
    let top = base;
    for (const fate of BAR_FATES) {
      const n = bin[fate];
      if (n === 0) continue;
      const h = base - y(n);
      top -= h;
      bars.push({ fate, x: x(bin.log2) + 0.5, y: top, width: Math.max(1, w - 1), height: h });
    }
  }

  let ghost = '';
  if (unscaled) {
    ghost = `M${x(LOG2_LO).toFixed(1)},${base}`;
    for (const bin of ghostBins) ghost += `V${y(total(bin)).toFixed(1)}H${x(bin.log2 + 1).toFixed(1)}`;
    ghost += `V${base}`;
  }

  const step = width < 480 ? 16 : 8;
  const xTicks: Tick[] = [];
  for (let k = LOG2_LO; k <= LOG2_HI; k += step) xTicks.push({ at: x(k), label: powerOfTwo(k) });
  const yTicks: Tick[] = [0, yMax / 2, yMax].map((v) => ({ at: y(v), label: String(v) }));
  return { width, height, base, left: M.left, right: width - M.right, top: M.top, zones, bars, ghost, xTicks, yTicks };
}

/** A number for reading: plain between 10⁻² and 10⁶, else m × 10ⁿ; `digits` significant digits, trailing zeros dropped. */
export function scientific(v: number, digits = 2): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e >= -2 && e < 6) return String(Number(v.toPrecision(digits))).replace('-', '−');
  const [mantissa, exponent] = v.toExponential(digits - 1).split('e') as [string, string];
  return `${String(Number(mantissa)).replace('-', '−')} × 10${[...String(Number(exponent))].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}
