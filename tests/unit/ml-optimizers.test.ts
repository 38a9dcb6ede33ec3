import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import {
  OPTIMIZERS,
  ReferenceOptimizer,
  SURFACES,
  SURFACE_INFO,
  TfRace,
  raceReference,
  referenceUpdate,
  surfaceGradient,
  surfaceValue,
  type RaceConfig,
} from '../../src/lib/ml/optimizers';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

describe('optimizer references', () => {
  test.each(SURFACES)('%s: the hand-derived gradient matches central differences', (s) => {
    for (const [x, y] of [
      [-1.3, 0.7],
      [0.2, -1.1],
      [1.5, 2.2],
    ] as const) {
      const h = 1e-6;
      const gx = (surfaceValue(s, x + h, y) - surfaceValue(s, x - h, y)) / (2 * h);
      const gy = (surfaceValue(s, x, y + h) - surfaceValue(s, x, y - h)) / (2 * h);
      expectClose(surfaceGradient(s, x, y), [gx, gy]);
    }
  });

  test('textbook updates, worked by hand', () => {
    const g = [2, -4];
    expect(new ReferenceOptimizer('sgd', 0.1, 0.9).step([1, 1], g)).toEqual([0.8, 1.4]);
    const mom = new ReferenceOptimizer('momentum', 0.1, 0.5);
    mom.step([0, 0], g); // v = g
    expectClose(mom.step([0, 0], g), [-0.1 * 3, 0.1 * 6]); // v = 0.5g + g
    // Adam's first step moves every coordinate by η·sign(g) (bias correction): m̂ = g, v̂ = g².
    expectClose(new ReferenceOptimizer('adam', 0.01, 0.9).step([1, 1], g), [0.99, 1.01]);
    // AdamW adds −ηλθ, with θ the value before the step.
    expectClose(new ReferenceOptimizer('adamw', 0.01, 0.9, 0.5).step([1, 1], g), [0.99 - 0.005, 1.01 - 0.005]);
    // RMSProp's first step: s = 0.1g², so the move is η/√0.1 ≈ 3.16η against the gradient's sign.
    expectClose(new ReferenceOptimizer('rmsprop', 0.01, 0).step([0, 0], g), [-0.01 / Math.sqrt(0.1), 0.01 / Math.sqrt(0.1)]);
  });
});

describe('optimizer race on tfjs', () => {
  const configs: RaceConfig[] = SURFACES.map((surface, i) => ({
    surface,
    lr: SURFACE_INFO[surface].lr,
    momentum: 0.9,
    weightDecay: 0.1,
    noise: i === 1 ? 0 : SURFACE_INFO[surface].noiseScale * 0.3,
    seed: 7 + i,
  }));

  test.each(configs)('$surface: tf.train paths follow the textbook equations, nothing leaks', async (config) => {
    const before = tf.memory().numTensors;
    const race = new TfRace(tf, config);
    const steps = 25;
    const first = await race.step(10);
    const second = await race.step(15);
    race.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const expected = raceReference(config, steps);
    for (const o of OPTIMIZERS) {
      const actual = [SURFACE_INFO[config.surface].start, ...first[o], ...second[o]];
      expectClose(actual.flat(), expected[o].flat());
    }
  });

  test('a step-by-step check re-synchronised to tfjs agrees with the free-running reference', async () => {
    const config = configs[0]!;
    const race = new TfRace(tf, config);
    const paths = await race.step(20);
    race.dispose();
    for (const o of OPTIMIZERS) {
      const ref = new ReferenceOptimizer(o, config.lr, config.momentum, config.weightDecay);
      let prev = SURFACE_INFO[config.surface].start;
      paths[o].forEach((p, k) => {
        expectClose(p, referenceUpdate(ref, config.surface, prev, race.noiseUsed[k]!));
        prev = p;
      });
    }
  });

  test('a diverging run stays finite at the clipping limit', () => {
    const paths = raceReference({ surface: 'rosenbrock', lr: 0.5, momentum: 0.9, weightDecay: 0, noise: 0, seed: 1 }, 30);
    expect(paths.sgd.at(-1)!.every((v) => Math.abs(v) <= 1000)).toBe(true);
  });
});
