import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import { INITIAL_STATE, Sampler, TRUE_MEAN, TRUE_VARIANCE, TfBatchNorm, bnStepReference, bnStepValues } from '../../src/lib/ml/batchnorm';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

describe('batch normalisation', () => {
  test('a batch normalised with its own statistics has mean 0 and variance ≈ 1', () => {
    const s = bnStepReference(INITIAL_STATE, [1, 2, 3, 4], true);
    expect(s.batchMean).toBe(2.5);
    expect(s.batchVar).toBe(1.25);
    expect(s.runningMean).toBeCloseTo(0.25, 12);
    expect(s.runningVar).toBeCloseTo(0.9 + 0.1 * (5 / 3), 12);
    expect(s.normalized.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });

  test('eval mode leaves the running averages alone', () => {
    const s = bnStepReference({ runningMean: 3, runningVar: 2 }, [10, 20], false);
    expect([s.runningMean, s.runningVar]).toEqual([3, 2]);
  });

  test('the sampler’s moments match the stated population', () => {
    const xs = new Sampler(1).batch(200_000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean - TRUE_MEAN)).toBeLessThan(0.03);
    expect(Math.abs(variance - TRUE_VARIANCE) / TRUE_VARIANCE).toBeLessThan(0.02);
  });

  test('tfjs moments and running averages equal the reference, in both modes, nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const bn = new TfBatchNorm(tf);
    const sampler = new Sampler(5);
    let state = INITIAL_STATE;
    for (const [size, train] of [
      [2, true],
      [8, true],
      [64, true],
      [16, false],
      [4, true],
    ] as const) {
      const batch = sampler.batch(size);
      const actual = await bn.step(batch, train);
      const expected = bnStepReference(state, batch, train);
      expectClose(bnStepValues(actual), bnStepValues(expected));
      state = expected;
    }
    bn.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
