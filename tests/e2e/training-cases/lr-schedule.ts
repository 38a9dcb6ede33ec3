/** The learning-rate schedule widget: both runs' published losses against the float64 replay. */
import { expect, type Locator } from '@playwright/test';
import { dataJson, settle, type WidgetCase } from '../widget-helpers';
import { mismatches } from '../../../src/lib/ml/compare';
import { scheduleRunsReference, type ScheduleSetup } from '../../../src/lib/ml/schedules';
import { runs, step } from './steps';

async function scheduleMismatches(widget: Locator): Promise<number> {
  const setup = await dataJson<ScheduleSetup>(widget, 'data-setup');
  const losses = await dataJson<{ constant: number[]; scheduled: number[] }>(widget, 'data-losses');
  if (!setup || !losses || losses.constant.length === 0) return -1;
  const ref = scheduleRunsReference(setup, losses.constant.length);
  return mismatches(losses.constant, ref.constant).length + mismatches(losses.scheduled, ref.scheduled).length;
}

export const lrScheduleCase: WidgetCase = {
  name: 'learning-rate schedules',
  path: '/learning-rate-scheduling/',
  tag: 'atlas-lr-schedule',
  first: async (widget) => {
    await widget.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => Number((await widget.getAttribute('data-steps')) ?? 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(10);
    await widget.getByRole('button', { name: 'Pause' }).click();
    await settle(widget);
    await expect.poll(() => scheduleMismatches(widget)).toBe(0);
    await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
  },
  interact: async (widget, i) => {
    const changes: [string, string][] = [
      ['[data-schedule]', 'warmup'],
      ['[data-lr]', '1'],
      ['[data-dataset]', 'xor'],
      ['[data-schedule]', 'cyclical'],
      ['[data-schedule]', 'step'],
      ['[data-lr]', '0.1'],
      ['[data-schedule]', 'exponential'],
    ];
    if (i % 3 === 0) {
      const before = await runs(widget);
      const [selector, value] = changes[(i / 3) % changes.length]!;
      await widget.locator(selector).selectOption(value);
      await expect.poll(() => runs(widget)).toBeGreaterThan(before);
      await expect(widget).toHaveAttribute('data-steps', '0');
      await settle(widget);
    }
    await step(widget);
    await expect.poll(() => scheduleMismatches(widget)).toBe(0);
  },
};
