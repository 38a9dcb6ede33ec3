/**
 * The mixed-precision widget: the float32 gradients tfjs computed for S·L must equal S times the
 * float64 backpropagation, and the counts shown must be storeScaled's for those very gradients.
 */
import { expect, type Locator } from '@playwright/test';
import { dataJson, settle, type WidgetCase } from '../widget-helpers';
import { chainGradients, gradientMismatches, isFormatName, makeChain, storeScaled } from '../../../src/lib/ml/precision';

interface Config {
  format: string;
  scaleExponent: number;
  seed: number;
}

async function runs(widget: Locator): Promise<number> {
  return Number((await widget.getAttribute('data-runs')) ?? 0);
}

/** Problems with what the widget shows: wrong gradients or counts, or a config other than `want`. */
async function problems(widget: Locator, want: Partial<Config>): Promise<string[]> {
  const config = await dataJson<Config>(widget, 'data-config');
  const grads = await dataJson<number[]>(widget, 'data-grads');
  const counts = await dataJson<Record<string, number>>(widget, 'data-counts');
  if (!config || !grads || !counts || !isFormatName(config.format)) return ['no data yet'];
  const out: string[] = [];
  for (const [key, value] of Object.entries(want)) if (config[key as keyof Config] !== value) out.push(`${key} is ${config[key as keyof Config]}`);
  const scale = 2 ** config.scaleExponent;
  const bad = gradientMismatches(grads, chainGradients(makeChain(config.seed)).map((g) => g * scale));
  if (bad.length) out.push(`${bad.length} gradients differ, first at ${bad[0]}`);
  const { underflow, overflow, kept, medianRelError } = storeScaled(config.format, grads, scale);
  const expected = JSON.stringify({ underflow, overflow, kept, medianRelError });
  if (JSON.stringify(counts) !== expected) out.push(`counts ${JSON.stringify(counts)}, expected ${expected}`);
  return out;
}

/** Changes a control, waits for the widget to recompute, and checks the result. */
async function change(widget: Locator, act: () => Promise<unknown>, want: Partial<Config>): Promise<void> {
  const before = await runs(widget);
  await act();
  await expect.poll(() => runs(widget)).toBeGreaterThan(before);
  await settle(widget);
  await expect.poll(() => problems(widget, want)).toEqual([]);
  await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
}

export const mixedPrecisionCase: WidgetCase = {
  name: 'mixed precision',
  path: '/mixed-precision-training/',
  tag: 'atlas-mixed-precision',
  first: async (widget) => {
    await expect.poll(() => problems(widget, { format: 'float16', scaleExponent: 0, seed: 1 })).toEqual([]);
    const counts = await dataJson<{ underflow: number }>(widget, 'data-counts');
    expect(counts?.underflow).toBeGreaterThan(0);
    await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    // Loss scaling rescues them: at S = 2^16 nothing underflows in float16.
    await change(widget, () => widget.getByRole('slider', { name: 'Loss scale (power of two)' }).fill('16'), { scaleExponent: 16 });
    expect(await dataJson(widget, 'data-counts')).toMatchObject({ underflow: 0, overflow: 0 });
    await expect(widget.getByRole('slider', { name: 'Loss scale (power of two)' })).toHaveAttribute('aria-valuetext', 'S = 2^16 = 65,536');
  },
  interact: async (widget, i) => {
    const slider = widget.getByRole('slider', { name: 'Loss scale (power of two)' });
    const formats = ['bfloat16', 'float32', 'float16'];
    if (i % 5 === 4) {
      const format = formats[Math.floor(i / 5) % 3]!;
      await change(widget, () => widget.getByRole('combobox', { name: 'Format' }).selectOption(format), { format });
    } else if (i === 10) {
      await change(
        widget,
        async () => {
          await widget.locator('[data-seed]').fill('42');
          await widget.locator('[data-seed]').press('Tab');
        },
        { seed: 42 },
      );
    } else {
      // Up to S = 2^24 with the keyboard, where float16 overflows, then back down with fill.
      const k = Number((await slider.inputValue()) || 0);
      if (k < 24) await change(widget, () => slider.press('ArrowRight'), { scaleExponent: k + 1 });
      else await change(widget, () => slider.fill('3'), { scaleExponent: 3 });
    }
  },
  live: async (widget) => {
    await change(widget, () => widget.getByRole('slider', { name: 'Loss scale (power of two)' }).press('ArrowRight'), {});
  },
};
