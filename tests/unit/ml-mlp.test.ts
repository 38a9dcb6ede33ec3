import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import {
  ACTIVATION_NAMES,
  DATASETS,
  MlpTrainer,
  TfMlp,
  flattenParams,
  gradientReference,
  initParams,
  lossReference,
  makeDataset,
  trainReference,
  unflattenParams,
  type MlpSpec,
  type TrainHyper,
} from '../../src/lib/ml/mlp';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

describe('MLP reference', () => {
  test.each(DATASETS)('%s: the same seed gives the same data, balanced labels in [−1, 1]²', (name) => {
    const a = makeDataset(name, 100, 3);
    expect(makeDataset(name, 100, 3)).toEqual(a);
    expect(a.y.filter((v) => v === 1)).toHaveLength(50);
    expect(a.x.flat().every((v) => v >= -1 && v <= 1)).toBe(true);
  });

  test.each(ACTIVATION_NAMES)('%s: the hand-written backward pass matches central differences', (activation) => {
    const spec: MlpSpec = { sizes: [2, 5, 4, 1], activation };
    const p = initParams(spec, 11);
    p.b = p.b.map((b) => b.map((_, i) => 0.1 * (i + 1)));
    const data = makeDataset('xor', 12, 5);
    const l2 = 0.01;
    const { grads } = gradientReference(spec, p, data.x, data.y, l2);
    const flat = flattenParams(p);
    const numeric = flat.map((_, i) => {
      const h = 1e-6;
      const plus = [...flat];
      const minus = [...flat];
      plus[i]! += h;
      minus[i]! -= h;
      return (lossReference(spec, unflattenParams(spec, plus), data.x, data.y, l2) - lossReference(spec, unflattenParams(spec, minus), data.x, data.y, l2)) / (2 * h);
    });
    expectClose(flattenParams(grads), numeric);
  });
});

describe('MLP on tfjs', () => {
  test.each([
    ['adam', 'tanh', 0.03, 0],
    ['momentum', 'relu', 0.1, 0.001],
    ['sgd', 'sigmoid', 0.5, 0.01],
  ] as const)('%s with %s: losses and weights after 12 steps equal the reference', async (optimizer, activation, lr, l2) => {
    const spec: MlpSpec = { sizes: [2, 6, 6, 1], activation };
    const data = makeDataset('circle', 64, 2);
    const hyper: TrainHyper = { lr, batchSize: 16, l2, momentum: 0.9, optimizer };
    const start = initParams(spec, 4);
    const before = tf.memory().numTensors;
    const net = new TfMlp(tf, spec, start);
    const trainer = new MlpTrainer(tf, net, data, hyper, 9);
    const losses = [...(await trainer.steps(5)), ...(await trainer.steps(7))];
    const params = await net.readParams();
    trainer.dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const expected = trainReference(spec, start, data, hyper, 9, 12);
    expectClose(losses, expected.losses);
    expectClose(flattenParams(params), flattenParams(expected.params));
  });
});
