/**
 * Mixed precision, emulated: rounding float64 values to float32, float16 (IEEE binary16) and
 * bfloat16 with round-to-nearest-even, subnormals, overflow to ±∞. tfjs has no 16-bit dtype, so
 * the widget computes gradients in float32 on the device and stores them through these functions,
 * exactly as a float16 gradient buffer would. The demo model is a deep chain of sigmoid units whose
 * gradients span ten orders of magnitude, with its float64 gradient written out by hand. Pure: tfjs
 * arrives as an argument, no DOM; the tests check the rounding against bit-level conversions.
 */
import type { Tensor, Tf } from './backend';
import { REL_TOLERANCE, withinTolerance } from './compare';
import { mulberry32 } from './random';

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

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

/** The loss scale S = 2^k, k = 0…MAX_SCALE_EXPONENT, as on the widget's slider. */
export const MAX_SCALE_EXPONENT = 24;

// ---------------------------------------------------------------------------------------------
// The demo model: CHAIN_WIDTH independent chains of CHAIN_DEPTH sigmoid units (a deep network whose
// weight matrices are diagonal). Going down a chain, each layer multiplies the gradient by
// w·σ′(z) with σ′ ≤ ¼, so the gradients shrink about fourfold per layer: the vanishing gradients
// that mixed precision has to keep from flushing to zero. Chains without cross terms keep the
// float32 gradients free of cancellation, so tfjs can be held to a tight relative tolerance.

export const CHAIN_DEPTH = 12;
export const CHAIN_WIDTH = 32;
export const CHAIN_PARAMETERS = 2 * CHAIN_DEPTH * CHAIN_WIDTH;

/** h₀ = x; h_k = σ(w_k ⊙ h_{k−1} + b_k); L = ½ Σ (h_D − t)². Arrays are [layer][unit]. */
export interface SigmoidChain {
  x: number[];
  target: number[];
  w: number[][];
  b: number[][];
}

/** A seeded chain; every value is a float32, so tfjs and the reference start from the same numbers. */
export function makeChain(seed: number): SigmoidChain {
  const rng = mulberry32(seed);
  const f = Math.fround;
  const row = (draw: () => number) => Array.from({ length: CHAIN_WIDTH }, () => f(draw()));
  return {
    x: row(() => 0.5 + 0.5 * rng()),
    target: row(rng),
    // |w| in [0.5, 1.5] and small biases keep |z| < 2, where σ′ does not lose digits to 1 − σ.
    w: Array.from({ length: CHAIN_DEPTH }, () => row(() => (rng() < 0.5 ? -1 : 1) * (0.5 + rng()))),
    b: Array.from({ length: CHAIN_DEPTH }, () => row(() => rng() - 0.5)),
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** ∂L/∂w then ∂L/∂b, each layer by layer (input side first), in float64 by backpropagation. */
export function chainGradients(chain: SigmoidChain): number[] {
  const gw = chain.w.map(() => new Array<number>(CHAIN_WIDTH).fill(0));
  const gb = chain.b.map(() => new Array<number>(CHAIN_WIDTH).fill(0));
  for (let j = 0; j < CHAIN_WIDTH; j++) {
    const h = [chain.x[j]!];
    for (let k = 0; k < CHAIN_DEPTH; k++) h.push(sigmoid(chain.w[k]![j]! * h[k]! + chain.b[k]![j]!));
    let dh = h[CHAIN_DEPTH]! - chain.target[j]!;
    for (let k = CHAIN_DEPTH - 1; k >= 0; k--) {
      const dz = dh * h[k + 1]! * (1 - h[k + 1]!);
      gw[k]![j] = dz * h[k]!;
      gb[k]![j] = dz;
      dh = dz * chain.w[k]![j]!;
    }
  }
  return [...gw.flat(), ...gb.flat()];
}

/** The gradients of S·L computed by tf.grads on the device in float32, in chainGradients' order. */
export async function tfChainGradients(tf: Tf, chain: SigmoidChain, scale: number): Promise<number[]> {
  const flat = tf.tidy(() => {
    const x = tf.tensor1d(chain.x);
    const target = tf.tensor1d(chain.target);
    // One tensor per layer: slicing a stacked tensor would need a gradient the runtime does not register.
    const params = [...chain.w, ...chain.b].map((v) => tf.tensor1d(v));
    const scaledLoss = (...p: Tensor[]) => {
      let h: Tensor = x;
      for (let k = 0; k < CHAIN_DEPTH; k++) h = tf.sigmoid(tf.add(tf.mul(p[k]!, h), p[CHAIN_DEPTH + k]!));
      return tf.mul(tf.sum(tf.square(tf.sub(h, target))), 0.5 * scale);
    };
    return tf.concat(tf.grads(scaledLoss)(params));
  });
  try {
    return Array.from(await flat.data());
  } finally {
    flat.dispose();
  }
}

/**
 * Indices where tfjs's gradients differ from the reference by more than a relative 10⁻⁴. Purely
 * relative: the gradients go down to 10⁻¹³, far below any absolute tolerance.
 */
export function gradientMismatches(actual: readonly number[], expected: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    if (!withinTolerance(actual[i] ?? Number.NaN, expected[i] ?? Number.NaN, 0, REL_TOLERANCE)) out.push(i);
  }
  return out;
}

/** One binade [2^log2, 2^(log2+1)) of |S·g| and what storing its gradients in a format does. */
export interface FateBin {
  log2: number;
  underflow: number;
  kept: number;
  overflow: number;
}

/**
 * Histogram of log₂|x| with one bin per binade from 2^lo to 2^hi, each bin split by fate; values
 * outside the range are counted in the end bins.
 */
export function fateHistogram(format: FormatName, values: readonly number[], lo: number, hi: number): FateBin[] {
  const bins: FateBin[] = Array.from({ length: hi - lo }, (_, i) => ({ log2: lo + i, underflow: 0, kept: 0, overflow: 0 }));
  for (const v of values) {
    const i = Math.floor(Math.log2(Math.abs(v))) - lo; // NaN (from NaN) lands with the overflows, at the top
    const bin = bins[Number.isNaN(i) ? hi - lo - 1 : Math.min(hi - lo - 1, Math.max(0, i))]!;
    const f = fate(format, v);
    if (f === 'underflow') bin.underflow++;
    else if (f === 'overflow') bin.overflow++;
    else bin.kept++;
  }
  return bins;
}
