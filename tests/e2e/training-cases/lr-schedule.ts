/** The learning-rate schedule widget: both runs' published losses against the float64 replay. */
import { expect, type Locator } from '@playwright/test';
import { dataJson, type WidgetCase } from '../widget-helpers';
import { mismatches } from '../../../src/lib/ml/compare';
import { scheduleRunsReference, type ScheduleSetup } from '../../../src/lib/ml/schedules';
import { changeAndRestart, playThenPause, step } from './steps';

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
    await playThenPause(widget, 10);
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
      const [selector, value] = changes[(i / 3) % changes.length]!;
      await changeAndRestart(widget, selector, value);
    }
    await step(widget);
    await expect.poll(() => scheduleMismatches(widget)).toBe(0);
  },
};
