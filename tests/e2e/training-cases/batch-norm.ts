/**
 * The batch normalisation widget: the test replays the run from the widget's data attributes
 * (seed, batch size, the mode of every step) with the float64 reference, and checks that eval mode
 * freezes the running averages so the probe's output stops changing.
 */
import { expect, type Locator } from '@playwright/test';
import { dataJson, settle, type WidgetCase } from '../widget-helpers';
import { changeAndRestart, playThenPause, step } from './steps';
import { mismatches } from '../../../src/lib/ml/compare';
import { INITIAL_STATE, Sampler, bnMismatches, bnStepReference, bnSummaryValues, type BnState } from '../../../src/lib/ml/batchnorm';

interface BnConfig {
  batchSize: number;
  train: boolean;
  seed: number;
}

/** Values that differ from the reference over the whole run so far, −1 when the data is incomplete. */
async function batchNormMismatches(widget: Locator): Promise<number> {
  const config = await dataJson<BnConfig>(widget, 'data-config');
  const modes = await dataJson<boolean[]>(widget, 'data-modes');
  const values = await dataJson<number[][]>(widget, 'data-values');
  const last = await dataJson<number[]>(widget, 'data-last');
  if (!config || !modes || !values || !last || modes.length === 0 || values.length !== modes.length) return -1;
  const sampler = new Sampler(config.seed);
  let state: BnState = INITIAL_STATE;
  let bad = 0;
  modes.forEach((train, i) => {
    const batch = sampler.batch(config.batchSize);
    const expected = bnStepReference(state, batch, train);
    bad += mismatches(values[i]!, bnSummaryValues(expected)).length;
    if (i === modes.length - 1) bad += bnMismatches(last, expected, batch).length;
    state = expected;
  });
  return bad;
}

async function expectMatches(widget: Locator): Promise<void> {
  await expect.poll(() => batchNormMismatches(widget)).toBe(0);
  await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
}

export const batchNormCase: WidgetCase = {
  name: 'batch normalisation',
  path: '/advanced-layers-theory/',
  tag: 'atlas-batch-norm',
  first: async (widget) => {
    await playThenPause(widget, 8);
    await expectMatches(widget);
  },
  interact: async (widget, i) => {
    // Batch size is log₂ n on the slider; a new batch size or seed starts a new run, the mode does not.
    const changes: [string, string][] = [
      ['[data-batch]', '1'],
      ['[data-mode]', 'eval'],
      ['[data-batch]', '7'],
      ['[data-mode]', 'train'],
      ['[data-seed]', '42'],
      ['[data-mode]', 'eval'],
      ['[data-batch]', '3'],
    ];
    if (i % 3 === 0) {
      const [selector, value] = changes[(i / 3) % changes.length]!;
      const control = widget.locator(selector);
      if (selector === '[data-mode]') {
        await control.selectOption(value);
        await expect.poll(async () => (await dataJson<BnConfig>(widget, 'data-config'))?.train).toBe(value === 'train');
      } else await changeAndRestart(widget, selector, value);
    } else if (i % 7 === 5) {
      await widget.getByRole('button', { name: 'Reset' }).click();
      await expect(widget).toHaveAttribute('data-steps', '0');
      await settle(widget);
    }
    await step(widget);
    await expectMatches(widget);
    const modes = (await dataJson<boolean[]>(widget, 'data-modes'))!;
    expect(modes.at(-1)).toBe((await dataJson<BnConfig>(widget, 'data-config'))!.train);
    if (modes.length >= 2 && !modes.at(-1) && !modes.at(-2)) {
      // Two eval steps in a row: running averages, and so the probe's eval-mode output, unchanged.
      const values = (await dataJson<number[][]>(widget, 'data-values'))!;
      expect(values.at(-1)!.slice(2, 4).concat(values.at(-1)![5]!)).toEqual(values.at(-2)!.slice(2, 4).concat(values.at(-2)![5]!));
    }
  },
};
