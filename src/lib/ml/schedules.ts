/**
 * Learning-rate schedules: η as a function of the step, in plain TypeScript (the formulas are the
 * reference), and the training runs that show their effect, on the MLP of `mlp.ts`. Pure.
 */
import { initParams, isDatasetName, makeDataset, trainReference, type TrainSetup } from './mlp';

export const SCHEDULES = ['step', 'exponential', 'cosine', 'cyclical', 'warmup'] as const;
export type ScheduleName = (typeof SCHEDULES)[number] | 'constant';

export function isScheduleName(v: string): v is ScheduleName {
  return v === 'constant' || (SCHEDULES as readonly string[]).includes(v);
}

export const SCHEDULE_INFO: Record<ScheduleName, { label: string; formula: string }> = {
  constant: { label: 'Constant', formula: 'η(t) = η₀' },
  step: { label: 'Step decay', formula: 'η(t) = η₀ · ½^⌊4t/T⌋ (halve every quarter)' },
  exponential: { label: 'Exponential', formula: 'η(t) = η₀ · γᵗ, γ = 0.02^(1/T)' },
  cosine: { label: 'Cosine', formula: 'η(t) = η₀ · ½(1 + cos(πt/T))' },
  cyclical: { label: 'Cyclical (triangular)', formula: 'η rises linearly from η₀/10 to η₀ and back, four cycles' },
  warmup: { label: 'Linear warm-up', formula: 'η(t) = η₀ · (t+1)/W for t < W = T/10, then η₀' },
};

/** η at step t (0-based) of a run of T steps. */
export function learningRateAt(name: ScheduleName, t: number, base: number, total: number): number {
  switch (name) {
    case 'constant':
      return base;
    case 'step':
      return base * 0.5 ** Math.floor((4 * t) / total);
    case 'exponential':
      return base * 0.02 ** (t / total);
    case 'cosine':
      return base * 0.5 * (1 + Math.cos((Math.PI * t) / total));
    case 'cyclical': {
      const half = total / 8;
      const phase = (t % (2 * half)) / half; // 0…2
      const up = phase <= 1 ? phase : 2 - phase;
      return base / 10 + (base - base / 10) * up;
    }
    case 'warmup': {
      const w = Math.max(1, Math.round(total / 10));
      return t < w ? (base * (t + 1)) / w : base;
    }
  }
}

export function scheduleCurve(name: ScheduleName, base: number, total: number): number[] {
  return Array.from({ length: total }, (_, t) => learningRateAt(name, t, base, total));
}

/** A moving average for noisy minibatch losses (the curve the reader sees). */
export function smooth(values: readonly number[], beta = 0.9): number[] {
  let s = 0;
  return values.map((v, i) => {
    s = beta * s + (1 - beta) * v;
    return s / (1 - beta ** (i + 1));
  });
}

/** Points in the demo's training set. */
export const DEMO_POINTS = 200;

/** A schedule demo: the same network, data and minibatches, trained at constant η₀ and under the schedule. */
export interface ScheduleSetup extends TrainSetup {
  schedule: ScheduleName;
  /** T, the length of the run the schedule is laid out over. */
  total: number;
}

/** The minibatch losses of both runs for the first `steps` steps, in float64. */
export function scheduleRunsReference(s: ScheduleSetup, steps: number): { constant: number[]; scheduled: number[] } {
  const data = makeDataset(isDatasetName(s.dataset) ? s.dataset : 'circle', DEMO_POINTS, s.seed);
  const run = (name: ScheduleName) =>
    trainReference(s.spec, initParams(s.spec, s.seed), data, s.hyper, s.seed, steps, (t) => learningRateAt(name, t, s.hyper.lr, s.total)).losses;
  return { constant: run('constant'), scheduled: run(s.schedule) };
}
