import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import {
  ACTIVATIONS,
  SELU_ALPHA,
  SELU_SCALE,
  activationCurve,
  activationReference,
  curveReference,
  derivativeReference,
  erfReference,
  linspace,
} from '../../src/lib/ml/activations';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

describe('activation reference', () => {
  test.each([
    [0, 0],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [-2, -0.9953222650189527],
    [3, 0.9999779095030014],
  ])('erf(%d) = %d', (x, expected) => {
    expect(Math.abs(erfReference(x) - expected)).toBeLessThan(2e-7);
  });

  test('known values', () => {
    expect(activationReference('relu', -1)).toBe(0);
    expect(activationReference('selu', 1)).toBeCloseTo(SELU_SCALE, 12);
    expect(activationReference('selu', -1)).toBeCloseTo(SELU_SCALE * SELU_ALPHA * (Math.exp(-1) - 1), 12);
    expect(activationReference('gelu', 1)).toBeCloseTo(0.8413447460685429, 6);
    expect(activationReference('sigmoid', 0)).toBe(0.5);
    expect(derivativeReference('sigmoid', 0)).toBe(0.25);
    expect(derivativeReference('tanh', 0)).toBe(1);
    expect(derivativeReference('gelu', 0)).toBeCloseTo(0.5, 6);
  });

  test.each(ACTIVATIONS)('%s: the hand-derived derivative matches central differences', (name) => {
    for (const x of [-3, -1.2, -0.3, 0.4, 1.7, 3.1]) {
      const h = 1e-5;
      const numeric = (activationReference(name, x + h) - activationReference(name, x - h)) / (2 * h);
      expect(Math.abs(derivativeReference(name, x) - numeric)).toBeLessThan(1e-4);
    }
  });

  test('linspace hits 0 exactly', () => {
    const xs = linspace(-4, 4, 161);
    expect(xs).toHaveLength(161);
    expect(xs[80]).toBe(0);
    expect(xs[0]).toBe(-4);
    expect(xs[160]).toBe(4);
  });
});

describe('activations on tfjs', () => {
  const xs = [...linspace(-6, 6, 241), -20, 20, 1e-3, -1e-3];

  test.each(ACTIVATIONS)('%s: values and tf.grad derivatives equal the reference', async (name) => {
    const before = tf.memory().numTensors;
    const curve = await activationCurve(tf, name, xs);
    const expected = curveReference(name, xs);
    expectClose(curve.ys, expected.ys);
    expectClose(curve.dys, expected.dys);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('at the kink ReLU and SELU take the left-hand derivative', async () => {
    expect((await activationCurve(tf, 'relu', [0])).dys[0]).toBe(0);
    expect((await activationCurve(tf, 'selu', [0])).dys[0]).toBeCloseTo(SELU_SCALE * SELU_ALPHA, 5);
  });
});
