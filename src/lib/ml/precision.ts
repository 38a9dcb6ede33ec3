/**
 * Mixed precision, emulated: rounding float64 values to float32, float16 (IEEE binary16) and
 * bfloat16 with round-to-nearest-even, subnormals, overflow to ±∞. tfjs has no 16-bit dtype, so
 * the widget computes gradients in float32 on the device and stores them through these functions,
 * exactly as a float16 gradient buffer would. Pure, no tfjs; the tests check the arithmetic here
 * against independent bit-level conversions.
 */
export const FORMATS = ['float32', 'float16', 'bfloat16'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface FormatInfo {
  label: string;
  mantissaBits: number;
  /** Smallest normal exponent. */
  minExponent: number;
  maxExponent: number;
  /** Largest finite value. */
  max: number;
  /** Smallest positive (subnormal) value. */
  minSubnormal: number;
  minNormal: number;
}

function info(label: string, mantissaBits: number, minExponent: number, maxExponent: number): FormatInfo {
  return {
    label,
    mantissaBits,
    minExponent,
    maxExponent,
    max: (2 - 2 ** -mantissaBits) * 2 ** maxExponent,
    minSubnormal: 2 ** (minExponent - mantissaBits),
    minNormal: 2 ** minExponent,
  };
}

export const FORMAT_INFO: Record<FormatName, FormatInfo> = {
  float32: info('float32', 23, -126, 127),
  float16: info('float16', 10, -14, 15),
  bfloat16: info('bfloat16', 7, -126, 127),
};

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** x rounded to the nearest value of the format (ties to even); ±∞ past the largest. */
export function roundTo(format: FormatName, x: number): number {
  if (format === 'float32') return Math.fround(x);
  if (!Number.isFinite(x) || x === 0) return x;
  const f = FORMAT_INFO[format];
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1;
  else if (2 ** (e + 1) <= a) e += 1;
  e = Math.max(e, f.minExponent);
  const quantum = 2 ** (e - f.mantissaBits);
  const r = roundHalfEven(a / quantum) * quantum;
  const out = r > f.max ? Number.POSITIVE_INFINITY : r;
  return x < 0 ? -out : out;
}

export type Fate = 'exact' | 'rounded' | 'underflow' | 'overflow';

/** What storing x in the format does to it. */
export function fate(format: FormatName, x: number): Fate {
  const r = roundTo(format, x);
  if (r === x) return 'exact';
  if (r === 0) return 'underflow';
  if (!Number.isFinite(r)) return 'overflow';
  return 'rounded';
}

export interface ScaledGradients {
  /** How many of the gradients became 0, ±∞, or kept a finite non-zero value. */
  underflow: number;
  overflow: number;
  kept: number;
  /** Median relative error |ĝ − g|/|g| of the kept ones, after unscaling. */
  medianRelError: number;
  /** The stored-and-unscaled gradients. */
  recovered: number[];
}

/**
 * Mixed-precision gradient storage: the float32 gradients of S·L (that is, S·g) are stored in the
 * format, then divided by S in float32 (S is a power of two, so the division is exact).
 */
export function storeScaled(format: FormatName, scaledGrads: readonly number[], scale: number): ScaledGradients {
  let underflow = 0;
  let overflow = 0;
  const errors: number[] = [];
  const recovered = scaledGrads.map((gs) => {
    const stored = roundTo(format, gs);
    const back = Math.fround(stored / scale);
    const g = gs / scale;
    if (g !== 0 && stored === 0) underflow++;
    else if (!Number.isFinite(stored)) overflow++;
    else if (g !== 0) errors.push(Math.abs(back - g) / Math.abs(g));
    return back;
  });
  errors.sort((a, b) => a - b);
  return {
    underflow,
    overflow,
    kept: errors.length,
    medianRelError: errors.length ? errors[Math.floor(errors.length / 2)]! : 0,
    recovered,
  };
}
