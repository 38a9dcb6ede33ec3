import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import {
  TfEmbeddings,
  VOCAB,
  cooccurrence,
  embeddingGradReference,
  flattenEmbeddings,
  groupPurity,
  initEmbeddings,
  nearestNeighbours,
  trainEmbeddingsReference,
  wordVectors,
  type EmbeddingParams,
} from '../../src/lib/ml/embeddings';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

describe('embeddings', () => {
  const x = cooccurrence();

  test('co-occurrence is symmetric and every word occurs', () => {
    x.forEach((row, i) => row.forEach((n, j) => expect(n).toBe(x[j]![i])));
    expect(x.every((row) => row.some((n) => n > 0))).toBe(true);
    expect(x[VOCAB.indexOf('cat')]![VOCAB.indexOf('dog')]).toBeGreaterThan(0);
  });

  test('the hand-derived gradient matches central differences', () => {
    const p = initEmbeddings(VOCAB.length, 3);
    const flat = flattenEmbeddings(p);
    const { grad } = embeddingGradReference(p, x);
    const v = VOCAB.length;
    const unflat = (values: number[]): EmbeddingParams => ({ w: values.slice(0, 2 * v), c: values.slice(2 * v, 4 * v), bt: values.slice(4 * v) });
    const numeric = flat.map((_, i) => {
      const h = 1e-6;
      const a = [...flat];
      const b = [...flat];
      a[i]! += h;
      b[i]! -= h;
      return (embeddingGradReference(unflat(a), x).loss - embeddingGradReference(unflat(b), x).loss) / (2 * h);
    });
    expectClose(flattenEmbeddings(grad), numeric);
  });

  test('training on tfjs follows the reference and groups gather', async () => {
    const start = initEmbeddings(VOCAB.length, 3);
    const before = tf.memory().numTensors;
    const model = new TfEmbeddings(tf, x, start);
    const losses = [...(await model.steps(10)), ...(await model.steps(20))];
    const params = await model.params();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const expected = trainEmbeddingsReference(start, x, 30);
    expectClose(losses, expected.losses);
    expectClose(flattenEmbeddings(params), flattenEmbeddings(expected.params));
    const trained = wordVectors(trainEmbeddingsReference(start, x, 150).params);
    expect(groupPurity(trained)).toBeGreaterThan(0.8);
    expect(nearestNeighbours(trained, VOCAB.indexOf('cat'), 3)).toHaveLength(3);
  });
});
