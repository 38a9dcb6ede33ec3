/**
 * The training widgets (part 2) in Chromium, on each backend the browser can offer, with the same
 * variants as widgets.spec.ts. Each run trains only a few steps and compares what tfjs computed
 * with the float64 references; then console errors and leaked tensors after 20 interactions.
 */
import { expect, test, type Locator } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';
import { VARIANTS, dataJson, open, settle, testWidgetsOnEveryBackend, type WidgetCase } from './widget-helpers';
import { mismatches } from '../../src/lib/ml/compare';
import { OPTIMIZERS, raceReference, type Paths, type RaceConfig } from '../../src/lib/ml/optimizers';
import { initParams, isDatasetName, makeDataset, trainReference, type TrainSetup } from '../../src/lib/ml/mlp';
import { batchNormCase } from './training-cases/batch-norm';
import { embeddingsCase } from './training-cases/embeddings';
import { lrScheduleCase } from './training-cases/lr-schedule';
import { mixedPrecisionCase } from './training-cases/mixed-precision';
import { changeAndRestart, playThenPause, runs, step } from './training-cases/steps';

async function raceMismatches(widget: Locator): Promise<number> {
  const config = await dataJson<RaceConfig>(widget, 'data-config');
  const paths = await dataJson<Paths>(widget, 'data-paths');
  if (!config || !paths) return -1;
  const steps = paths.sgd.length - 1;
  const expected = raceReference(config, steps);
  return OPTIMIZERS.reduce((n, o) => n + mismatches(paths[o].flat(), expected[o].flat()).length, 0);
}

async function trainMismatches(widget: Locator): Promise<number> {
  const setup = await dataJson<TrainSetup>(widget, 'data-setup');
  const losses = await dataJson<number[]>(widget, 'data-losses');
  if (!setup || !losses || !isDatasetName(setup.dataset)) return -1;
  const data = makeDataset(setup.dataset, 200, setup.seed);
  const expected = trainReference(setup.spec, initParams(setup.spec, setup.seed), data, setup.hyper, setup.seed, losses.length).losses;
  return mismatches(losses, expected).length;
}

const CASES: WidgetCase[] = [
  {
    name: 'optimizer race',
    path: '/optimizers/',
    tag: 'atlas-optimizer-race',
    first: async (widget) => {
      await playThenPause(widget, 8);
      await expect.poll(() => raceMismatches(widget)).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
    interact: async (widget, i) => {
      const changes: [string, string][] = [
        ['[data-surface]', 'rosenbrock'],
        ['[data-noise]', '0.3'],
        ['[data-surface]', 'saddle'],
        ['[data-decay]', '0.5'],
        ['[data-seed]', '42'],
        ['[data-surface]', 'bowl'],
        ['[data-noise]', '0'],
      ];
      if (i % 3 === 0) {
        const [selector, value] = changes[(i / 3) % changes.length]!;
        await changeAndRestart(widget, selector, value);
      } else if (i % 7 === 5) {
        await widget.getByRole('button', { name: 'Reset' }).click();
        await expect(widget).toHaveAttribute('data-steps', '0');
        await settle(widget);
      }
      await step(widget);
      await expect.poll(() => raceMismatches(widget)).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
  },
  {
    name: 'train a network',
    path: '/dense-neural-networks/',
    tag: 'atlas-train-network',
    first: async (widget) => {
      for (let k = 0; k < 5; k++) await step(widget);
      await expect.poll(() => trainMismatches(widget)).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
    interact: async (widget, i) => {
      const changes: [string, string][] = [
        ['[data-dataset]', 'spiral'],
        ['[data-activation]', 'relu'],
        ['[data-lr]', '0.1'],
        ['[data-layers]', '3'],
        ['[data-batch]', '4'],
        ['[data-l2]', '0.001'],
        ['[data-layers]', '2'],
      ];
      if (i % 3 === 0) {
        const [selector, value] = changes[(i / 3) % changes.length]!;
        await changeAndRestart(widget, selector, value);
      }
      await step(widget);
      await expect.poll(() => trainMismatches(widget)).toBe(0);
    },
  },
  lrScheduleCase,
  embeddingsCase,
  batchNormCase,
  mixedPrecisionCase,
];

testWidgetsOnEveryBackend(CASES);

test('reset with the same seed replays the same training exactly', async ({ page }, info) => {
  test.skip(info.project.name !== 'chromium', 'once is enough');
  const widget = await open(page, '/dense-neural-networks/', VARIANTS[3]!, 'atlas-train-network');
  for (let k = 0; k < 3; k++) await step(widget);
  const first = await widget.getAttribute('data-losses');
  await widget.getByRole('button', { name: 'Reset' }).click();
  await expect(widget).toHaveAttribute('data-steps', '0');
  await settle(widget);
  for (let k = 0; k < 3; k++) await step(widget);
  expect(await widget.getAttribute('data-losses')).toBe(first);
});

test('without JavaScript each training widget shows its static figure', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const c of CASES) {
    await page.goto(c.path);
    const widget = page.locator(c.tag);
    await expect(widget.locator('.atlas-widget__fallback figure')).toBeVisible();
    await expect(widget.locator('.atlas-widget__fallback figcaption')).not.toBeEmpty();
    await expect(widget.locator('.atlas-widget__live')).toBeHidden();
  }
  await context.close();
});

test('training widgets work from the keyboard', async ({ page }, info) => {
  test.skip(info.project.name !== 'chromium', 'once is enough');
  await page.goto('/optimizers/');
  const race = page.locator('atlas-optimizer-race');
  await race.scrollIntoViewIfNeeded();
  await expect(race).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await race.getByRole('slider', { name: 'Learning rate (log scale)' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(race.locator('[data-lr-label]')).not.toHaveText('0.04');
  await race.getByRole('button', { name: 'Step', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(race).toHaveAttribute('data-steps', '1');
  await page.keyboard.press('Space');
  await expect(race).toHaveAttribute('data-steps', '2');

  await page.goto('/dense-neural-networks/');
  const net = page.locator('atlas-train-network');
  await net.scrollIntoViewIfNeeded();
  await expect(net).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await net.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => Number((await net.getAttribute('data-steps')) ?? 0)).toBeGreaterThan(5);
  await page.keyboard.press('Enter');
  await expect(net).toHaveAttribute('data-running', 'false');
});

/** The other stepping widgets: a control changed with the keyboard restarts the run, and Step answers Enter. */
const KEYBOARD: { path: string; tag: string; control: string; key: string }[] = [
  { path: '/learning-rate-scheduling/', tag: 'atlas-lr-schedule', control: '[data-schedule]', key: 'ArrowDown' },
  { path: '/embeddings/', tag: 'atlas-embeddings', control: '[data-seed]', key: 'ArrowUp' },
  { path: '/advanced-layers-theory/', tag: 'atlas-batch-norm', control: '[data-batch]', key: 'ArrowLeft' },
];

test('the other training widgets work from the keyboard too', async ({ page }, info) => {
  test.skip(info.project.name !== 'chromium', 'once is enough');
  for (const k of KEYBOARD) {
    await page.goto(k.path);
    const widget = page.locator(k.tag);
    await widget.scrollIntoViewIfNeeded();
    await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await widget.getByRole('button', { name: 'Step', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(widget).toHaveAttribute('data-steps', '1');
    const before = await runs(widget);
    await widget.locator(k.control).focus();
    await page.keyboard.press(k.key);
    // A number field commits its value when focus leaves it.
    if (k.control === '[data-seed]') await page.keyboard.press('Tab');
    await expect.poll(() => runs(widget)).toBeGreaterThan(before);
    await expect(widget).toHaveAttribute('data-steps', '0');
    await settle(widget);
    await widget.getByRole('button', { name: 'Step', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(widget).toHaveAttribute('data-steps', '1');
  }
});

test('the static figures have no axe violations', async ({ page }, info) => {
  test.skip(info.project.name !== 'chromium', 'once is enough');
  await page.route(/Widget\.astro_astro_type_script.*\.js$/, (route) => route.abort());
  for (const c of CASES) {
    await page.goto(c.path);
    await expect(page.locator(c.tag).locator('.atlas-widget__fallback figure')).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

for (const theme of ['dark', 'light'] as const) {
  test(`training widget pages have no axe violations once live (${theme} theme)`, async ({ page }, info) => {
    test.skip(info.project.name !== 'chromium', 'once is enough');
    test.setTimeout(120_000);
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    for (const c of CASES) {
      await page.goto(c.path);
      const widget = page.locator(c.tag);
      await widget.scrollIntoViewIfNeeded();
      await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      await (c.live ?? step)(widget);
      await expectNoAxeViolations(page);
    }
  });
}
