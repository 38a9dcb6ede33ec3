import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import {
  gflopsPerSecond,
  matmulReference,
  matmulTf,
  productTerms,
  timeMatmul,
  type Matrix,
} from '../../src/lib/ml/matrix-product';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

function random(rows: number, cols: number, seed: number): Matrix {
  let s = seed;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, next));
}

describe('matrix product', () => {
  test('the reference multiplies a known example', () => {
    expect(matmulReference([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]])).toEqual([[58, 64], [139, 154]]);
  });

  test.each([
    [1, 1, 1],
    [2, 3, 2],
    [4, 4, 4],
    [3, 1, 5],
    [17, 33, 9],
    [64, 64, 64],
  ])('tf.matMul equals the reference for %i×%i · %i×…', async (m, k, n) => {
    const a = random(m, k, m * 100 + k);
    const b = random(k, n, k * 100 + n + 1);
    const before = tf.memory().numTensors;
    const c = await matmulTf(tf, a, b);
    expectClose(c.flat(), matmulReference(a, b).flat());
    expect(tf.memory().numTensors).toBe(before);
  });

  test('incompatible shapes are refused with the reason', async () => {
    await expect(matmulTf(tf, [[1, 2]], [[1, 2]])).rejects.toThrow('A has 2 columns but B has 1 rows');
  });

  test('the terms of one cell add up to that cell', () => {
    const a = random(3, 4, 1);
    const b = random(4, 2, 2);
    const { terms, sum } = productTerms(a, b, 2, 1);
    expect(terms).toHaveLength(4);
    expect(terms[3]).toEqual({ a: a[2]![3], b: b[3]![1], product: a[2]![3]! * b[3]![1]! });
    expectClose([sum], [matmulReference(a, b)[2]![1]!]);
  });

  test('timing reports first call and steady state apart, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const timing = await timeMatmul(tf, 64, { budgetMs: 10, minReps: 2, maxReps: 3 });
    expect(timing.n).toBe(64);
    expect(timing.reps).toBeGreaterThanOrEqual(2);
    expect(timing.firstCallMs).toBeGreaterThan(0);
    expect(timing.gflops).toBeCloseTo(gflopsPerSecond(64, timing.medianMs));
    expect(tf.memory().numTensors).toBe(before);
  });

  test('GFLOP/s counts 2n³ operations', () => {
    expect(gflopsPerSecond(1000, 1000)).toBe(2);
  });
});
