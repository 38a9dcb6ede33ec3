/**
 * Measures the live widgets on a served build with the system Chromium:
 *   - tfjs bytes a widget page transfers (raw and gzip), in a browser with WebGPU and in one without
 *     (which falls back to WebGL): core plus exactly one backend is the goal;
 *   - time from pressing Run to the first result, per widget and backend (includes downloading
 *     tfjs, starting the backend and compiling the first kernels);
 *   - n×n matmul GFLOP/s and first-call time on every backend, from the matrix widget's own
 *     "your GPU" panel.
 *
 *   npx tsx scripts/bench-widgets.ts http://127.0.0.1:4321 [--sizes=256,1024]
 *
 * Prints a summary and the JSON; `benchWidgets(baseUrl)` returns the same object.
 */
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';

/** `cpu-kernels`: the CPU kernel implementations that the WebGPU and WebGL backends reuse. */
export type TfjsChunkKind = 'core' | 'webgpu' | 'webgl' | 'cpu' | 'cpu-kernels';

/**
 * Which part of tfjs a built JS chunk holds, from strings that survive minification (also when the
 * build strips licence comments); null when it is not tfjs.
 */
export function classifyTfjsChunk(source: string): TfjsChunkKind | null {
  if (source.includes('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE')) return 'webgpu';
  if (source.includes('WEBGL_DELETE_TEXTURE_THRESHOLD')) return 'webgl';
  if (source.includes('MathBackendCPU')) return 'cpu';
  if (/backendName:\s*["']cpu["']/.test(source)) return 'cpu-kernels';
  const core = ['Google LLC', 'tfjsflags', 'TensorFlow.js deprecation warnings', 'gradFunc:'];
  if (core.some((marker) => source.includes(marker))) return 'core';
  return null;
}

export const WIDGET_PAGES = [
  { widget: 'matrix product', path: '/matrix-operations/', tag: 'atlas-matrix-product' },
  { widget: 'convolution', path: '/convolution/', tag: 'atlas-convolution' },
  { widget: 'activation functions', path: '/activation-functions/', tag: 'atlas-activation' },
  { widget: 'backpropagation', path: '/backpropagation/', tag: 'atlas-backprop' },
  { widget: 'mixed precision', path: '/mixed-precision-training/', tag: 'atlas-mixed-precision' },
] as const;

export interface ChunkTransfer {
  url: string;
  kind: TfjsChunkKind;
  rawBytes: number;
  gzipBytes: number;
}

export interface TransferReport {
  backend: string;
  tfjsRawBytes: number;
  tfjsGzipBytes: number;
  chunks: ChunkTransfer[];
}

export interface FirstResult {
  widget: string;
  backend: string;
  runToFirstResultMs: number;
}

export interface MatmulBench {
  backend: string;
  n: number;
  firstCallMs: number;
  medianMs: number;
  gflops: number;
}

export interface WidgetBench {
  baseUrl: string;
  chromium: string;
  transfer: TransferReport[];
  firstResult: FirstResult[];
  matmul: MatmulBench[];
  notes: string[];
}

type Mode = 'webgpu' | 'no-webgpu';

async function launch(mode: Mode): Promise<Browser> {
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
  if (mode === 'webgpu') args.push('--enable-unsafe-webgpu');
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args });
}

/** A page where widgets start only on Run: no IntersectionObserver, so nothing loads on approach. */
async function openWithoutAutoStart(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    Reflect.deleteProperty(window, 'IntersectionObserver');
  });
  await page.goto(url);
  return page;
}

async function widgetBackend(page: Page, tag: string): Promise<string> {
  return page.locator(tag).evaluate((el: HTMLElement) => el.dataset['backend'] ?? 'unknown');
}

/** Presses Run and times, inside the page, until the widget's first computation is done. */
async function runToFirstResult(page: Page, tag: string, widget: string): Promise<number> {
  const element = page.locator(tag);
  await element.scrollIntoViewIfNeeded();
  await element.evaluate((el: HTMLElement) => {
    (window as unknown as { __benchStart: number }).__benchStart = performance.now();
    el.querySelector<HTMLButtonElement>('[data-run]')?.click();
  });
  await page.waitForFunction((t) => document.querySelector(t)?.getAttribute('data-ready') === 'true', tag, { timeout: 120_000 });
  if (widget === 'backpropagation') {
    // Its first tfjs result is the gradient table at the end of the backward pass.
    await element.getByRole('button', { name: 'Run all' }).click();
  }
  await page.waitForFunction((t) => Number(document.querySelector(t)?.getAttribute('data-runs') ?? 0) >= 1, tag, { timeout: 120_000 });
  return element.evaluate(() => performance.now() - (window as unknown as { __benchStart: number }).__benchStart);
}

async function measureTransfer(browser: Browser, baseUrl: string, mode: Mode): Promise<{ transfer: TransferReport; firstResult: FirstResult[] }> {
  const chunks: ChunkTransfer[] = [];
  const firstResult: FirstResult[] = [];
  let backend = 'unknown';
  for (const [i, w] of WIDGET_PAGES.entries()) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => Reflect.deleteProperty(window, 'IntersectionObserver'));
    const pending: Promise<void>[] = [];
    if (i === 0) {
      page.on('response', (response) => {
        const url = response.url();
        if (!url.endsWith('.js')) return;
        pending.push(
          response
            .body()
            .then((body) => {
              const kind = classifyTfjsChunk(body.toString('utf8'));
              if (kind) chunks.push({ url: new URL(url).pathname, kind, rawBytes: body.length, gzipBytes: gzipSync(body).length });
            })
            .catch(() => undefined),
        );
      });
    }
    await page.goto(new URL(w.path, baseUrl).href);
    const ms = await runToFirstResult(page, w.tag, w.widget);
    backend = await widgetBackend(page, w.tag);
    firstResult.push({ widget: w.widget, backend, runToFirstResultMs: Math.round(ms) });
    await Promise.all(pending);
    await context.close();
  }
  const matrixBackend = firstResult[0]?.backend ?? backend;
  return {
    transfer: {
      backend: `${matrixBackend} (${mode === 'webgpu' ? 'Chromium with WebGPU' : 'Chromium without WebGPU'})`,
      tfjsRawBytes: chunks.reduce((s, c) => s + c.rawBytes, 0),
      tfjsGzipBytes: chunks.reduce((s, c) => s + c.gzipBytes, 0),
      chunks,
    },
    firstResult,
  };
}

/** The matrix widget's "your GPU" panel, at each size, on every backend the browser offers. */
async function measureMatmul(browser: Browser, baseUrl: string, sizes: readonly number[]): Promise<MatmulBench[]> {
  const page = await openWithoutAutoStart(browser, new URL('/matrix-operations/', baseUrl).href);
  const widget = page.locator('atlas-matrix-product');
  await runToFirstResult(page, 'atlas-matrix-product', 'matrix product');
  await widget.locator('[data-gpu-panel] summary').click();
  const out: MatmulBench[] = [];
  for (const n of sizes) {
    await widget.getByLabel('Size n').selectOption(String(n));
    const table = widget.locator('[data-bench-table] tbody');
    await table.evaluate((el: HTMLElement) => {
      el.replaceChildren();
      delete el.dataset['results'];
    });
    await widget.getByRole('button', { name: 'Time it' }).click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-bench-table] tbody')?.dataset['results'] !== undefined, undefined, {
      timeout: 600_000,
    });
    const results = JSON.parse((await table.getAttribute('data-results')) ?? '{}') as Record<string, Omit<MatmulBench, 'backend' | 'n'>>;
    for (const [backend, r] of Object.entries(results)) {
      out.push({ backend, n, firstCallMs: round(r.firstCallMs), medianMs: round(r.medianMs), gflops: round(r.gflops, 3) });
    }
  }
  await page.close();
  return out;
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export async function benchWidgets(baseUrl: string, options: { sizes?: readonly number[] } = {}): Promise<WidgetBench> {
  const sizes = options.sizes ?? [256, 1024];
  const transfer: TransferReport[] = [];
  const firstResult: FirstResult[] = [];
  let matmul: MatmulBench[] = [];
  let version = '';
  for (const mode of ['webgpu', 'no-webgpu'] as const) {
    const browser = await launch(mode);
    version = browser.version();
    try {
      const measured = await measureTransfer(browser, baseUrl, mode);
      transfer.push(measured.transfer);
      firstResult.push(...measured.firstResult);
      if (mode === 'webgpu') matmul = await measureMatmul(browser, baseUrl, sizes);
    } finally {
      await browser.close();
    }
  }
  return {
    baseUrl,
    chromium: version,
    transfer,
    firstResult,
    matmul,
    notes: [
      'gzip sizes are computed with zlib at its default level from the bytes served (the preview server does not compress).',
      'Run-to-first-result is cold: it includes downloading tfjs, starting the backend and compiling the first kernels.',
      'Headless Chromium here has only SwiftShader, a software WebGPU/WebGL: GPU figures on real hardware differ by orders of magnitude.',
    ],
  };
}

function printSummary(result: WidgetBench): void {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} kB`;
  console.log(`Widgets on ${result.baseUrl} (Chromium ${result.chromium})`);
  for (const t of result.transfer) {
    const parts = t.chunks.map((c) => `${c.kind} ${kb(c.gzipBytes)}`).join(', ');
    console.log(`  tfjs transferred, ${t.backend}: ${kb(t.tfjsGzipBytes)} gzip (${kb(t.tfjsRawBytes)} raw): ${parts}`);
  }
  for (const r of result.firstResult) console.log(`  Run → first result, ${r.widget} on ${r.backend}: ${r.runToFirstResultMs} ms`);
  for (const m of result.matmul) {
    console.log(`  matmul ${m.n}×${m.n} on ${m.backend}: ${m.gflops} GFLOP/s (median ${m.medianMs} ms; first call ${m.firstCallMs} ms)`);
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const baseUrl = process.argv[2] ?? 'http://127.0.0.1:4321';
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : undefined;
  benchWidgets(baseUrl, sizes ? { sizes } : {})
    .then((result) => {
      printSummary(result);
      console.log(JSON.stringify(result, null, 2));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
