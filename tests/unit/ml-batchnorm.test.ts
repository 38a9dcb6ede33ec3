import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import { BN_EPSILON, INITIAL_STATE, Sampler, TRUE_MEAN, TRUE_VARIANCE, TfBatchNorm, bnMismatches, bnStepReference, bnStepValues, bnSummaryValues } from '../../src/lib/ml/batchnorm';
import { mismatches } from '../../src/lib/ml/compare';
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

  test('the summary is the step’s scalars, the full values add the normalised batch', () => {
    const s = bnStepReference(INITIAL_STATE, [1, 2, 3, 4], true);
    expect(bnSummaryValues(s)).toEqual([s.batchMean, s.batchVar, s.runningMean, s.runningVar, s.probeTrain, s.probeEval]);
    expect(bnStepValues(s)).toEqual([...bnSummaryValues(s), ...s.normalized]);
  });

  test('two nearly equal values: float32 rounding of the mean is allowed for, real errors are not', () => {
    const batch = [2.6379006, 2.637467];
    const expected = bnStepReference(INITIAL_STATE, batch, true);
    // What float32 gives: the mean rounded to the nearest float32 shifts x − μ by about 1e-7 of 2e-4.
    const mean = Math.fround((Math.fround(batch[0]!) + Math.fround(batch[1]!)) / 2);
    const sd = Math.sqrt(expected.batchVar + BN_EPSILON);
    const float32 = [...bnSummaryValues(expected), ...batch.map((x) => (Math.fround(x) - mean) / sd)];
    expect(mismatches(float32, bnStepValues(expected)).length).toBeGreaterThan(0);
    expect(bnMismatches(float32, expected, batch)).toEqual([]);
    expect(bnMismatches(float32.map((v, i) => (i === 6 ? v * 1.01 : v)), expected, batch).map((m) => m.index)).toEqual([6]);
    expect(bnMismatches(float32.slice(0, 7), expected, batch).length).toBeGreaterThan(0);
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
