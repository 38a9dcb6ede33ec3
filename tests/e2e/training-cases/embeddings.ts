/** The embeddings widget: published losses and vectors against the float64 replay, and neighbours on click. */
import { expect, type Locator } from '@playwright/test';
import { dataJson, type WidgetCase } from '../widget-helpers';
import { mismatches } from '../../../src/lib/ml/compare';
import { VOCAB, cooccurrence, initEmbeddings, nearestNeighbours, trainEmbeddingsReference, wordVectors } from '../../../src/lib/ml/embeddings';
import { changeAndRestart, step } from './steps';

async function embeddingMismatches(widget: Locator): Promise<number> {
  const seed = Number(await widget.getAttribute('data-seed'));
  const losses = await dataJson<number[]>(widget, 'data-losses');
  const vectors = await dataJson<[number, number][]>(widget, 'data-vectors');
  if (!losses || !vectors || losses.length === 0) return -1;
  const ref = trainEmbeddingsReference(initEmbeddings(VOCAB.length, seed), cooccurrence(), losses.length);
  return mismatches(losses, ref.losses).length + mismatches(vectors.flat(), wordVectors(ref.params).flat()).length;
}

/** The neighbours the widget lists for the chosen word, against those of its published vectors. */
async function expectNeighboursOf(widget: Locator, word: string): Promise<void> {
  const vectors = (await dataJson<[number, number][]>(widget, 'data-vectors'))!;
  const names = nearestNeighbours(vectors, VOCAB.indexOf(word)).map((n) => VOCAB[n.index]);
  await expect(widget.locator('[data-neighbours]')).toContainText(`Nearest to “${word}”: ${names[0]} (`);
}

export const embeddingsCase: WidgetCase = {
  name: 'embeddings',
  path: '/embeddings/',
  tag: 'atlas-embeddings',
  first: async (widget) => {
    for (let k = 0; k < 10; k++) await step(widget);
    await expect.poll(() => embeddingMismatches(widget)).toBe(0);
    await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    // Clicking a word in the plot chooses it.
    await widget.locator('[data-words] g', { hasText: /^dog$/ }).click();
    await expect(widget.locator('[data-word]')).toHaveValue('dog');
    await expectNeighboursOf(widget, 'dog');
  },
  interact: async (widget, i) => {
    if (i % 5 === 0) await changeAndRestart(widget, '[data-seed]', String(7 + i));
    else if (i % 5 === 2) {
      const word = VOCAB[(3 * i) % VOCAB.length]!;
      await widget.locator('[data-word]').selectOption(word);
      await expectNeighboursOf(widget, word);
    }
    await step(widget);
    await expect.poll(() => embeddingMismatches(widget)).toBe(0);
  },
};
