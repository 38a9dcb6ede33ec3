/**
 * The live widgets in Chromium, on each backend the browser can offer. The `webgpu` project
 * launches Chromium with --enable-unsafe-webgpu (a SwiftShader adapter here); the default project
 * has no WebGPU adapter, so the widgets must fall back to WebGL. Each widget is checked against
 * the plain-TypeScript references, for console errors, and for leaked tensors after 20 interactions.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';
import { dataJson, settle, testWidgetsOnEveryBackend, type WidgetCase } from './widget-helpers';
import { classifyTfjsChunk, type TfjsChunkKind } from '../../scripts/bench-widgets';
import { mismatches } from '../../src/lib/ml/compare';
import { matmulReference, type Matrix } from '../../src/lib/ml/matrix-product';
import { IMAGES, convolveReference, copyMatrix, type ConvSpec } from '../../src/lib/ml/convolution';
import { ACTIVATIONS, curveReference, linspace, type ActivationName } from '../../src/lib/ml/activations';
import { PARAMETERS, finiteDifferenceGradients, type NeuronValues } from '../../src/lib/ml/backprop';

// ---------------------------------------------------------------------------------------------

async function readMatrices(widget: Locator): Promise<{ a: Matrix; b: Matrix; c: Matrix | null }> {
  return widget.evaluate((el) => {
    const read = (name: string): Matrix =>
      [...el.querySelectorAll(`[data-matrix="${name}"] tr`)].map((tr) => [...tr.querySelectorAll('input')].map((i) => Number(i.value)));
    const raw = el.querySelector<HTMLElement>('[data-matrix="C"]')?.dataset['values'];
    return { a: read('A'), b: read('B'), c: raw ? (JSON.parse(raw) as Matrix) : null };
  });
}

async function matrixMismatches(widget: Locator): Promise<number> {
  const { a, b, c } = await readMatrices(widget);
  if (!c) return -1;
  const expected = matmulReference(a, b);
  if (c.length !== expected.length || c[0]?.length !== expected[0]?.length) return -1;
  return mismatches(c.flat(), expected.flat()).length;
}

async function convolutionMismatches(widget: Locator): Promise<number> {
  const state = await widget.evaluate((el) => {
    const value = (s: string) => el.querySelector<HTMLSelectElement>(s)!.value;
    const kernel = [...el.querySelectorAll<HTMLInputElement>('[data-kernel-grid] input')].map((i) => Number(i.value));
    return { image: value('[data-image]'), stride: Number(value('[data-stride]')), padding: value('[data-padding]'), kernel, values: el.dataset['values'] };
  });
  if (!state.values) return -1;
  const image = copyMatrix(IMAGES[state.image as keyof typeof IMAGES].image);
  const kernel = [state.kernel.slice(0, 3), state.kernel.slice(3, 6), state.kernel.slice(6, 9)];
  const padding = state.padding === 'valid' || state.padding === 'same' ? state.padding : Number(state.padding);
  const spec: ConvSpec = { stride: state.stride, padding };
  const expected = convolveReference(image, kernel, spec);
  const actual = JSON.parse(state.values) as Matrix;
  if (actual.length !== expected.length || actual[0]?.length !== expected[0]?.length) return -1;
  return mismatches(actual.flat(), expected.flat()).length;
}

async function activationMismatches(widget: Locator, name: ActivationName): Promise<number> {
  if ((await widget.getAttribute('data-activation')) !== name) return -1;
  const values = await dataJson<{ ys: number[]; dys: number[] }>(widget, 'data-values');
  if (!values) return -1;
  const expected = curveReference(name, linspace(-4, 4, 161));
  return mismatches(values.ys, expected.ys).length + mismatches(values.dys, expected.dys).length;
}

async function backpropMismatches(widget: Locator): Promise<number> {
  const values = await widget.evaluate((el) =>
    Object.fromEntries([...el.querySelectorAll<HTMLInputElement>('input[data-value]')].map((i) => [i.dataset['value'], Number(i.value)])),
  );
  const grads = await dataJson<Record<string, number>>(widget, 'data-tf-grads');
  if (!grads) return -1;
  const expected = finiteDifferenceGradients(values as unknown as NeuronValues);
  return mismatches(
    PARAMETERS.map((p) => grads[p] ?? Number.NaN),
    PARAMETERS.map((p) => expected[p]),
  ).length;
}

// ---------------------------------------------------------------------------------------------


const CASES: WidgetCase[] = [
  {
    name: 'matrix product',
    path: '/matrix-operations/',
    tag: 'atlas-matrix-product',
    first: async (widget) => {
      await expect.poll(() => matrixMismatches(widget)).toBe(0);
      expect((await readMatrices(widget)).c).toEqual([
        [58, 64],
        [139, 154],
      ]);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
    interact: async (widget, i) => {
      if (i % 5 === 4) {
        const dim = ['m', 'k', 'n'][i % 3]!;
        await widget.locator(`select[data-dim="${dim}"]`).selectOption(String((i % 4) + 1));
      } else if (i % 7 === 6) {
        await widget.getByRole('button', { name: 'Random values' }).click();
      } else {
        const which = i % 2 ? 'A' : 'B';
        const cells = widget.getByRole('spinbutton', { name: new RegExp(`^${which} row`) });
        const count = await cells.count();
        await cells.nth(i % count).fill(String((i * 37) % 19 - 9.5));
      }
      await expect.poll(() => matrixMismatches(widget)).toBe(0);
    },
  },
  {
    name: 'convolution',
    path: '/convolution/',
    tag: 'atlas-convolution',
    first: async (widget) => {
      await expect.poll(() => convolutionMismatches(widget)).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
    interact: async (widget, i) => {
      const changes: [string, string][] = [
        ['[data-kernel]', 'blur'],
        ['[data-stride]', '2'],
        ['[data-padding]', 'same'],
        ['[data-image]', 'diagonal'],
        ['[data-kernel]', 'sharpen'],
        ['[data-padding]', '1'],
        ['[data-stride]', '3'],
        ['[data-padding]', '2'],
        ['[data-kernel]', 'vertical'],
        ['[data-image]', 'gradient'],
        ['[data-stride]', '1'],
        ['[data-padding]', 'valid'],
        ['[data-kernel]', 'edge'],
        ['[data-image]', 'square'],
      ];
      const before = Number((await widget.getAttribute('data-runs')) ?? 0);
      if (i < changes.length) {
        const [selector, value] = changes[i]!;
        await widget.locator(selector).selectOption(value);
      } else {
        const input = widget.getByRole('spinbutton', { name: `Kernel row ${(i % 3) + 1} column ${((i + 1) % 3) + 1}` });
        await input.fill(String(i + 0.5)); // never equal to a preset weight
        await input.press('Tab');
        await expect(widget.locator('[data-kernel]')).toHaveValue('custom');
      }
      await expect.poll(async () => Number((await widget.getAttribute('data-runs')) ?? 0)).toBeGreaterThan(before);
      await expect.poll(() => convolutionMismatches(widget)).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
  },
  {
    name: 'activation functions',
    path: '/activation-functions/',
    tag: 'atlas-activation',
    first: async (widget) => {
      await expect.poll(() => activationMismatches(widget, 'gelu')).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
    interact: async (widget, i) => {
      const name = ACTIVATIONS[i % ACTIVATIONS.length]!;
      const before = Number((await widget.getAttribute('data-runs')) ?? 0);
      await widget.locator(`input[type="radio"][value="${name}"]`).check();
      await expect.poll(async () => Number((await widget.getAttribute('data-runs')) ?? 0)).toBeGreaterThan(before);
      await expect.poll(() => activationMismatches(widget, name)).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
  },
  {
    name: 'backpropagation',
    path: '/backpropagation/',
    tag: 'atlas-backprop',
    first: async (widget) => {
      await widget.getByRole('button', { name: 'Run all' }).click();
      await expect.poll(() => backpropMismatches(widget)).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
      await expect(widget.getByRole('table', { name: 'Gradients of the loss three ways' })).toBeVisible();
    },
    interact: async (widget, i) => {
      const before = Number((await widget.getAttribute('data-runs')) ?? 0);
      if (i % 4 === 3) {
        await widget.getByRole('button', { name: 'Reset' }).click();
        await widget.getByRole('button', { name: 'Run all' }).click();
      } else {
        const input = widget.locator(`input[data-value="${['w1', 'w2', 'b1', 'w3', 'b2', 'x1', 'x2', 'y'][i % 8]}"]`);
        await input.fill(String(((i * 7) % 11) / 4 - 1.2));
        await input.press('Tab');
      }
      await expect.poll(async () => Number((await widget.getAttribute('data-runs')) ?? 0)).toBeGreaterThan(before);
      await expect.poll(() => backpropMismatches(widget)).toBe(0);
      await expect(widget.locator('[data-check]')).toHaveAttribute('data-ok', 'true');
    },
  },
];

testWidgetsOnEveryBackend(CASES);

// ---------------------------------------------------------------------------------------------

async function tfjsChunksRequested(page: Page): Promise<() => Promise<TfjsChunkKind[]>> {
  const kinds: Promise<TfjsChunkKind | null>[] = [];
  page.on('response', (response) => {
    if (!response.url().endsWith('.js')) return;
    kinds.push(
      response
        .text()
        .then(classifyTfjsChunk)
        .catch(() => null),
    );
  });
  return async () => (await Promise.all(kinds)).filter((k): k is TfjsChunkKind => k !== null);
}

test('a page without a widget requests no tfjs file', async ({ page }) => {
  const requested = await tfjsChunksRequested(page);
  for (const path of ['/', '/mathematical-notation/', '/levels/entry/']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(await requested()).toEqual([]);
});

test('a widget page loads tfjs only on Run, then core and exactly one backend', async ({ page }, info) => {
  await page.addInitScript(() => Reflect.deleteProperty(window, 'IntersectionObserver'));
  const requested = await tfjsChunksRequested(page);
  await page.goto('/matrix-operations/');
  await page.waitForLoadState('networkidle');
  expect(await requested()).toEqual([]);
  const widget = page.locator('atlas-matrix-product');
  await widget.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const backend = info.project.name === 'webgpu' ? 'webgpu' : 'webgl';
  await expect(widget).toHaveAttribute('data-backend', backend);
  const kinds = new Set(await requested());
  expect(kinds).toContain('core');
  expect(kinds).toContain(backend);
  for (const other of ['webgpu', 'webgl', 'cpu'] as const) if (other !== backend) expect(kinds).not.toContain(other);
});

test('without JavaScript each widget shows its static figure', async ({ browser }) => {
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

test('widget controls work from the keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/matrix-operations/');
  const matrix = page.locator('atlas-matrix-product');
  // Widgets come alive as they near the viewport, as a reader scrolls to them.
  await matrix.scrollIntoViewIfNeeded();
  await expect(matrix).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  const firstCell = matrix.getByRole('cell', { name: 'C row 1 column 1: 58' });
  await firstCell.focus();
  await expect(matrix.locator('[data-explain]')).toContainText('C11 = row 1 of A · column 1 of B = 1×7 + 2×9 + 3×11 = 58');
  await page.keyboard.press('ArrowRight');
  await expect(matrix.locator('[data-explain]')).toContainText('C12 = row 1 of A · column 2 of B = 1×8 + 2×10 + 3×12 = 64');
  await page.keyboard.press('ArrowDown');
  await expect(matrix.locator('[data-explain]')).toContainText('= 154');

  await page.goto('/convolution/');
  const conv = page.locator('atlas-convolution');
  await conv.scrollIntoViewIfNeeded();
  await conv.getByRole('slider', { name: /Output cell/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(conv.locator('[data-step-label]')).toHaveText('2 of 36');
  await expect(conv.locator('[data-explain]')).toContainText('Output row 1, column 2');
  await page.keyboard.press('End');
  await expect(conv.locator('[data-step-label]')).toHaveText('36 of 36');

  await page.goto('/activation-functions/');
  const act = page.locator('atlas-activation');
  await act.scrollIntoViewIfNeeded();
  await expect(act).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await act.getByRole('slider', { name: 'x' }).focus();
  await page.keyboard.press('Home');
  await expect(act.locator('[data-readout]')).toContainText('x = −4:');
  await act.getByRole('radio', { name: 'tanh' }).focus();
  await page.keyboard.press('Space');
  await expect(act).toHaveAttribute('data-activation', 'tanh');

  await page.goto('/backpropagation/');
  const bp = page.locator('atlas-backprop');
  await bp.scrollIntoViewIfNeeded();
  await bp.getByRole('button', { name: 'Forward step ▶' }).focus();
  await page.keyboard.press('Enter');
  await expect(bp.locator('[data-explain]')).toContainText('Forward: w₁x₁ = w₁ · x₁ = 0.8 × 1.5 = 1.2');
});

test('the static figures have no axe violations', async ({ page }, info) => {
  test.skip(info.project.name !== 'chromium', 'once is enough');
  // Axe needs JavaScript, so the widgets' own scripts are blocked instead: their elements never
  // become defined and the static figures stay, as without JavaScript.
  await page.route(/Widget\.astro_astro_type_script.*\.js$/, (route) => route.abort());
  for (const c of CASES) {
    await page.goto(c.path);
    await expect(page.locator(c.tag).locator('.atlas-widget__fallback figure')).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

for (const theme of ['dark', 'light'] as const) {
  test(`widget pages have no axe violations once live (${theme} theme)`, async ({ page }, info) => {
    test.skip(info.project.name !== 'chromium', 'once is enough');
    test.setTimeout(120_000);
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    for (const c of CASES) {
      await page.goto(c.path);
      const widget = page.locator(c.tag);
      await widget.scrollIntoViewIfNeeded();
      await expect(widget).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      if (c.tag === 'atlas-backprop') await widget.getByRole('button', { name: 'Run all' }).click();
      if (c.tag === 'atlas-matrix-product') await widget.locator('[data-gpu-panel] summary').click();
      await settle(widget);
      await expectNoAxeViolations(page);
    }
  });
}
