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
