/** Small actions the training-widget cases share. */
import { expect, type Locator } from '@playwright/test';
import { settle } from '../widget-helpers';

/** Completed computations so far (the widget's data-runs). */
export async function runs(widget: Locator): Promise<number> {
  return Number((await widget.getAttribute('data-runs')) ?? 0);
}

/** Clicks Step and waits until the widget has taken one more step. */
export async function step(widget: Locator): Promise<void> {
  const before = Number((await widget.getAttribute('data-steps')) ?? 0);
  await widget.getByRole('button', { name: 'Step', exact: true }).click();
  // Generous: the first step compiles shaders, which takes seconds on a software WebGPU adapter.
  await expect(widget).toHaveAttribute('data-steps', String(before + 1), { timeout: 30_000 });
  await settle(widget);
}

/** Presses Play, lets at least `n` steps run, presses Pause, and checks that the run then stays still. */
export async function playThenPause(widget: Locator, n: number): Promise<void> {
  await widget.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => Number((await widget.getAttribute('data-steps')) ?? 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(n);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget).toHaveAttribute('data-running', 'false');
  await settle(widget);
  const paused = await widget.getAttribute('data-steps');
  await widget.page().waitForTimeout(300);
  expect(await widget.getAttribute('data-steps')).toBe(paused);
}

/**
 * Sets a control (a select, a range, or a number field, which commits when focus leaves it) and
 * waits until the widget has restarted its run from step 0.
 */
export async function changeAndRestart(widget: Locator, selector: string, value: string): Promise<void> {
  const before = await runs(widget);
  const control = widget.locator(selector);
  if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
  else {
    await control.fill(value);
    if ((await control.getAttribute('type')) === 'number') await control.press('Tab');
  }
  await expect.poll(() => runs(widget)).toBeGreaterThan(before);
  await expect(widget).toHaveAttribute('data-steps', '0');
  await settle(widget);
}
