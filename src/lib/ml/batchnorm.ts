/**
 * Batch normalisation of one feature: the statistics of each minibatch against the running
 * averages kept for inference, in train and eval mode. tfjs computes the batch moments and keeps the
 * running averages as variables; the plain-TypeScript side is the reference. Conventions follow
 * PyTorch: momentum m = 0.1 (running ← (1 − m)·running + m·batch), the running variance uses the
 * unbiased batch variance, normalisation uses the biased one, running averages start at 0 and 1.
 * Pure: tfjs arrives as an argument, no DOM.
 */
import type { Variable } from '@tensorflow/tfjs-core';
import type { Tensor, Tf } from './backend';
import { ABS_TOLERANCE, mismatches, withinTolerance, type Mismatch } from './compare';
import { mulberry32, normal, type Rng } from './random';

export const BN_MOMENTUM = 0.1;
export const BN_EPSILON = 1e-5;
/** The feature's true distribution: a skewed mixture, mean and variance known exactly. */
export const POPULATION = { weights: [0.7, 0.3], means: [2, 6], sds: [1, 1.5] } as const;
export const TRUE_MEAN = 0.7 * 2 + 0.3 * 6;
export const TRUE_VARIANCE = 0.7 * (1 + 4) + 0.3 * (2.25 + 36) - TRUE_MEAN ** 2;
/** The input whose normalised value the widget follows. */
export const PROBE = 6;

export class Sampler {
  private readonly rng: Rng;
  constructor(seed: number) {
    this.rng = mulberry32(seed);
  }
  batch(size: number): number[] {
    return Array.from({ length: size }, () => {
      const k = this.rng() < POPULATION.weights[0] ? 0 : 1;
      return POPULATION.means[k] + POPULATION.sds[k] * normal(this.rng);
    });
  }
}

export interface BnState {
  runningMean: number;
  runningVar: number;
}

export interface BnStep {
  batchMean: number;
  /** Biased (÷n): what train mode divides by. */
  batchVar: number;
  runningMean: number;
  runningVar: number;
  /** The probe's output in train mode (batch statistics) and in eval mode (running averages). */
  probeTrain: number;
  probeEval: number;
  /** The batch itself, normalised with its own statistics (train mode). */
  normalized: number[];
}

export const INITIAL_STATE: BnState = { runningMean: 0, runningVar: 1 };

/** One step in float64. In eval mode the running averages do not move. */
export function bnStepReference(state: BnState, batch: readonly number[], train: boolean): BnStep {
  const n = batch.length;
  const mean = batch.reduce((s, v) => s + v, 0) / n;
  const variance = batch.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const unbiased = n > 1 ? (variance * n) / (n - 1) : variance;
  const runningMean = train ? (1 - BN_MOMENTUM) * state.runningMean + BN_MOMENTUM * mean : state.runningMean;
  const runningVar = train ? (1 - BN_MOMENTUM) * state.runningVar + BN_MOMENTUM * unbiased : state.runningVar;
  const norm = (x: number, m: number, v: number) => (x - m) / Math.sqrt(v + BN_EPSILON);
  return {
    batchMean: mean,
    batchVar: variance,
    runningMean,
    runningVar,
    probeTrain: norm(PROBE, mean, variance),
    probeEval: norm(PROBE, runningMean, runningVar),
    normalized: batch.map((x) => norm(x, mean, variance)),
  };
}

/** The same on tfjs: tf.moments on the device, running averages held in two variables. */
export class TfBatchNorm {
  private readonly runningMean: Variable;
  private readonly runningVar: Variable;
  constructor(private readonly tf: Tf) {
    this.runningMean = tf.tidy(() => tf.variable(tf.scalar(INITIAL_STATE.runningMean), false));
    this.runningVar = tf.tidy(() => tf.variable(tf.scalar(INITIAL_STATE.runningVar), false));
  }

  async step(batch: readonly number[], train: boolean): Promise<BnStep> {
    const { tf } = this;
    const n = batch.length;
    const out = tf.tidy(() => {
      const x = tf.tensor1d([...batch]);
      const { mean, variance } = tf.moments(x);
      if (train) {
        const unbiased = n > 1 ? tf.mul(variance, n / (n - 1)) : variance;
        this.runningMean.assign(tf.add(tf.mul(this.runningMean, 1 - BN_MOMENTUM), tf.mul(mean, BN_MOMENTUM)));
        this.runningVar.assign(tf.add(tf.mul(this.runningVar, 1 - BN_MOMENTUM), tf.mul(unbiased, BN_MOMENTUM)));
      }
      const norm = (t: Tensor, m: Tensor, v: Tensor) => tf.div(tf.sub(t, m), tf.sqrt(tf.add(v, BN_EPSILON)));
      const probe = tf.scalar(PROBE);
      return tf.concat([
        tf.stack([mean, variance, this.runningMean, this.runningVar, norm(probe, mean, variance), norm(probe, this.runningMean, this.runningVar)]),
        norm(x, mean, variance),
      ]);
    });
    const v = await out.data();
    out.dispose();
    return {
      batchMean: v[0]!,
      batchVar: v[1]!,
      runningMean: v[2]!,
      runningVar: v[3]!,
      probeTrain: v[4]!,
      probeEval: v[5]!,
      normalized: Array.from(v.subarray(6)),
    };
  }

  dispose(): void {
    this.runningMean.dispose();
    this.runningVar.dispose();
  }
}

/** The step's six scalars, without the normalised batch: what a long history keeps per step. */
export function bnSummaryValues(s: BnStep): number[] {
  return [s.batchMean, s.batchVar, s.runningMean, s.runningVar, s.probeTrain, s.probeEval];
}

export function bnStepValues(s: BnStep): number[] {
  return [...bnSummaryValues(s), ...s.normalized];
}

/**
 * Every position where a tfjs step (bnStepValues) differs from the float64 reference. The usual
 * tolerance, except for the normalised batch: x − μ_B carries the float32 rounding of x and of the
 * device’s sum, about 2⁻²²·max|x|, and dividing by √(σ_B² + ε) magnifies it when a small batch's
 * values nearly coincide (two values 10⁻⁴ apart: a relative error of a few 10⁻³, which float32 cannot avoid).
 */
export function bnMismatches(actual: readonly number[], expected: BnStep, batch: readonly number[]): Mismatch[] {
  const summary = bnSummaryValues(expected);
  const k = summary.length;
  if (actual.length !== k + expected.normalized.length) return mismatches(actual, bnStepValues(expected));
  const atol = ABS_TOLERANCE + (2 ** -22 * Math.max(...batch.map(Math.abs))) / Math.sqrt(expected.batchVar + BN_EPSILON);
  return [
    ...mismatches(actual.slice(0, k), summary),
    ...expected.normalized.flatMap((e, i) => (withinTolerance(actual[k + i]!, e, atol) ? [] : [{ index: k + i, actual: actual[k + i]!, expected: e }])),
  ];
}
