import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import { MlpTrainer, TfMlp, initParams, makeDataset, trainReference, type MlpSpec, type TrainHyper } from '../../src/lib/ml/mlp';
import { SCHEDULES, learningRateAt, scheduleCurve, scheduleRunsReference, smooth } from '../../src/lib/ml/schedules';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

describe('schedules', () => {
  test('known values', () => {
    expect(learningRateAt('step', 0, 1, 100)).toBe(1);
    expect(learningRateAt('step', 25, 1, 100)).toBe(0.5);
    expect(learningRateAt('step', 99, 1, 100)).toBe(0.125);
    expect(learningRateAt('exponential', 50, 1, 100)).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(learningRateAt('cosine', 50, 1, 100)).toBeCloseTo(0.5, 12);
    expect(learningRateAt('cyclical', 0, 1, 80)).toBeCloseTo(0.1, 12);
    expect(learningRateAt('cyclical', 10, 1, 80)).toBeCloseTo(1, 12);
    expect(learningRateAt('cyclical', 20, 1, 80)).toBeCloseTo(0.1, 12);
    expect(learningRateAt('warmup', 0, 1, 100)).toBeCloseTo(0.1, 12);
    expect(learningRateAt('warmup', 9, 1, 100)).toBe(1);
    expect(learningRateAt('warmup', 60, 1, 100)).toBe(1);
  });

  test.each(SCHEDULES)('%s stays within (0, η₀]', (name) => {
    const curve = scheduleCurve(name, 0.3, 200);
    expect(curve.every((v) => v > 0 && v <= 0.3 + 1e-15)).toBe(true);
  });

  test('smoothing is bias-corrected', () => {
    expect(smooth([2, 2, 2])).toEqual([2, 2, 2].map(() => expect.closeTo(2, 12)));
  });

  test('momentum SGD under a schedule on tfjs equals the reference', async () => {
    const spec: MlpSpec = { sizes: [2, 8, 1], activation: 'tanh' };
    const data = makeDataset('circle', 64, 1);
    const hyper: TrainHyper = { lr: 0.3, batchSize: 16, l2: 0, momentum: 0.9, optimizer: 'momentum' };
    const start = initParams(spec, 2);
    const lrAt = (t: number) => learningRateAt('cyclical', t, hyper.lr, 16);
    const before = tf.memory().numTensors;
    const net = new TfMlp(tf, spec, start);
    const trainer = new MlpTrainer(tf, net, data, hyper, 3);
    const losses = [...(await trainer.steps(6, lrAt)), ...(await trainer.steps(10, lrAt))];
    trainer.dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expectClose(losses, trainReference(spec, start, data, hyper, 3, 16, lrAt).losses);
  });
});

describe('schedule runs', () => {
  const setup = {
    dataset: 'circle',
    spec: { sizes: [2, 8, 1], activation: 'tanh' as const },
    hyper: { lr: 0.3, batchSize: 8, l2: 0, momentum: 0.9, optimizer: 'momentum' as const },
    seed: 4,
    schedule: 'step' as const,
    total: 8,
  };

  test('both runs start from the same loss and part once the schedule lowers η', () => {
    const { constant, scheduled } = scheduleRunsReference(setup, 6);
    // Step decay keeps η₀ for the first quarter (2 steps): the first 3 losses (before any lowered update lands) agree.
    expect(scheduled.slice(0, 3)).toEqual(constant.slice(0, 3));
    expect(scheduled[4]).not.toBe(constant[4]);
  });

  test('a constant "schedule" is the constant run', () => {
    const { constant, scheduled } = scheduleRunsReference({ ...setup, schedule: 'constant' }, 5);
    expect(scheduled).toEqual(constant);
  });
});
