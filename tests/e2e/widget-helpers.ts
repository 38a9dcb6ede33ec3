/**
 * What the widget e2e tests share: the backend variants (each bound to its Playwright project),
 * opening a widget until it is live on the expected backend, the tfjs tensor count, and waiting
 * for a widget to settle.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchForErrors } from './helpers';

export const INTERACTIONS = 20;

export interface Variant {
  name: string;
  /** The Playwright project it runs in: `webgpu` has --enable-unsafe-webgpu, `chromium` does not. */
  project: 'webgpu' | 'chromium';
  query: string;
  removeNavigatorGpu?: boolean;
  backend: 'webgpu' | 'webgl' | 'cpu';
  /** Text the backend line must contain. */
  says: RegExp;
}

export const VARIANTS: Variant[] = [
  { name: 'WebGPU (automatic choice)', project: 'webgpu', query: '', backend: 'webgpu', says: /Runs on WebGPU/ },
  { name: 'WebGL forced by ?backend=webgl', project: 'webgpu', query: '?backend=webgl', backend: 'webgl', says: /Runs on WebGL.*forced/ },
  {
    name: 'navigator.gpu removed',
    project: 'webgpu',
    query: '',
    removeNavigatorGpu: true,
    backend: 'webgl',
    says: /Runs on WebGL.*WebGPU: this browser has no navigator\.gpu/,
  },
  {
    name: 'no WebGPU adapter (automatic choice)',
    project: 'chromium',
    query: '',
    backend: 'webgl',
    says: /Runs on WebGL.*WebGPU: requestAdapter\(\) returned no adapter/,
  },
  { name: 'CPU forced by ?backend=cpu', project: 'chromium', query: '?backend=cpu', backend: 'cpu', says: /Runs on CPU/ },
];

export async function open(page: Page, path: string, variant: Variant, tag: string): Promise<Locator> {
  if (variant.removeNavigatorGpu) {
    await page.addInitScript(() => {
      Reflect.deleteProperty(Navigator.prototype, 'gpu');
    });
  }
  await page.goto(path + variant.query);
  const widget = page.locator(tag);
  await widget.scrollIntoViewIfNeeded();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await expect(widget).toHaveAttribute('data-backend', variant.backend);
  await expect(widget.locator('[data-backend]')).toHaveText(variant.says);
  await expect(widget.getByRole('button', { name: 'Run', exact: true })).toBeHidden();
  return widget;
}

export async function numTensors(page: Page): Promise<number> {
  return page.evaluate(() => window.__atlasTf?.memory().numTensors ?? -1);
}

/** Waits until nothing is computing and the last computation has landed. */
export async function settle(widget: Locator): Promise<void> {
  await expect(widget).toHaveAttribute('aria-busy', 'false');
}

export async function dataJson<T>(widget: Locator, attribute: string): Promise<T | null> {
  const raw = await widget.getAttribute(attribute);
  return raw ? (JSON.parse(raw) as T) : null;
}

export interface WidgetCase {
  name: string;
  path: string;
  tag: string;
  /** First result is there and right. */
  first: (widget: Locator) => Promise<void>;
  /** The i-th interaction, then a check that the result is right. */
  interact: (widget: Locator, i: number) => Promise<void>;
  /** Brings the live part into its computed state for the axe test; clicking Step when absent. */
  live?: (widget: Locator) => Promise<void>;
}

/**
 * For every widget and every backend variant: the first result matches the reference, then
 * INTERACTIONS more do, with no console errors and the tensor count back to its baseline.
 */
export function testWidgetsOnEveryBackend(cases: readonly WidgetCase[]): void {
  for (const c of cases) {
    test.describe(`${c.name} widget`, () => {
      test.describe.configure({ timeout: 180_000 });

      for (const variant of VARIANTS) {
        test(`on ${variant.name}: matches the reference, no errors, no leaked tensors after ${INTERACTIONS} interactions`, async ({ page }, info) => {
          test.skip(info.project.name !== variant.project, `runs in the ${variant.project} project`);
          const errors = watchForErrors(page);
          const widget = await open(page, c.path, variant, c.tag);
          await c.first(widget);
          await settle(widget);
          const baseline = await numTensors(page);
          expect(baseline).toBeGreaterThanOrEqual(0);
          for (let i = 0; i < INTERACTIONS; i++) await c.interact(widget, i);
          await settle(widget);
          expect(await numTensors(page)).toBe(baseline);
          expect(errors).toEqual([]);
        });
      }
    });
  }
}
