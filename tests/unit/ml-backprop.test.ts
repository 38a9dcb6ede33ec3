import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import {
  BACKWARD_ORDER,
  DEFAULT_VALUES,
  GRAPH,
  PARAMETERS,
  backward,
  finiteDifferenceGradients,
  forward,
  lossReference,
  parameterGradients,
  tfGradients,
  type NeuronValues,
} from '../../src/lib/ml/backprop';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const cases: NeuronValues[] = [
  DEFAULT_VALUES,
  { x1: 0, x2: 0, y: 0, w1: 0, w2: 0, b1: 0, w3: 0, b2: 0 },
  { x1: -2, x2: 3, y: -1, w1: 0.3, w2: 0.7, b1: -0.5, w3: -2, b2: 0.25 },
  { x1: 4, x2: 4, y: 2, w1: 1.5, w2: 1.5, b1: 1, w3: 0.5, b2: 0 },
];
const values = (g: Record<string, number>) => PARAMETERS.map((p) => g[p]!);

describe('backpropagation through a two-layer neuron', () => {
  test('the forward pass agrees with the closed-form loss', () => {
    for (const v of cases) expect(forward(v).L).toBeCloseTo(lossReference(v), 12);
  });

  test('a hand-checked forward and backward pass', () => {
    const v: NeuronValues = { x1: 1, x2: 0, y: 1, w1: 0, w2: 0, b1: 0, w3: 2, b2: 0 };
    const f = forward(v);
    expect(f.h).toBe(0.5);
    expect(f.yhat).toBe(1);
    expect(f.L).toBe(0);
    const v2 = { ...v, y: 0 };
    const g = parameterGradients(backward(forward(v2)));
    // e = 1, ∂L/∂w3 = e·h = 0.5, ∂L/∂b2 = 1, ∂L/∂z = e·w3·σ'(0) = 0.5, ∂L/∂w1 = 0.5·x1.
    expect(g).toEqual({ w3: 0.5, b2: 1, b1: 0.5, w1: 0.5, w2: 0 });
  });

  test('the backward order visits each node after the node it feeds', () => {
    const seen = new Set<string>();
    for (const id of BACKWARD_ORDER) {
      const consumer = GRAPH.find((n) => n.op?.inputs.includes(id));
      if (consumer) expect(seen.has(consumer.id)).toBe(true);
      seen.add(id);
    }
    for (const p of PARAMETERS) expect(seen.has(p)).toBe(true);
  });

  test('every backward step is upstream × local', () => {
    for (const step of backward(forward(DEFAULT_VALUES))) expect(step.grad).toBe(step.upstream * step.local);
  });

  test.each(cases)('chain rule = tf.grads = finite differences (%o)', async (v) => {
    const chain = parameterGradients(backward(forward(v)));
    const numeric = finiteDifferenceGradients(v);
    const before = tf.memory().numTensors;
    const fromTf = await tfGradients(tf, v);
    expect(tf.memory().numTensors).toBe(before);
    expectClose([fromTf.loss], [lossReference(v)]);
    expectClose(values(fromTf.grads), values(chain));
    expectClose(values(chain), values(numeric));
  });
});
