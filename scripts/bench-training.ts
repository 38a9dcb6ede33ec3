/**
 * Training speed of the training widgets on a served build, per backend, with the system Chromium:
 * presses Play, lets the first frames compile the kernels, then counts steps over a few seconds.
 * A "step" is one update of every model in the widget (the race: five optimizers; the playground:
 * one minibatch, plus the loss and decision-boundary evaluation it draws each frame; the schedules:
 * one minibatch for each of two networks; embeddings: one full-batch Adam step and a read-back; batch norm: one
 * mini-batch normalised, with every chart redrawn).
 *
 *   npx tsx scripts/bench-training.ts http://127.0.0.1:4321
 *
 * `benchTraining(baseUrl)` returns the rows; run directly it prints them and the JSON.
 */
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from '@playwright/test';

export const TRAINING_WIDGETS = [
  { widget: 'optimizer race', path: '/optimizers/', tag: 'atlas-optimizer-race' },
  { widget: 'train a network', path: '/dense-neural-networks/', tag: 'atlas-train-network' },
  { widget: 'learning-rate schedules', path: '/learning-rate-scheduling/', tag: 'atlas-lr-schedule' },
  { widget: 'embeddings', path: '/embeddings/', tag: 'atlas-embeddings' },
  { widget: 'batch normalisation', path: '/advanced-layers-theory/', tag: 'atlas-batch-norm' },
] as const;

export interface TrainingSpeed {
  widget: string;
  backend: string;
  stepsPerSecond: number;
  measuredSteps: number;
}

const VARIANTS = [
  { webgpu: true, query: '' },
  { webgpu: false, query: '?backend=webgl' },
  { webgpu: false, query: '?backend=cpu' },
] as const;

async function launch(webgpu: boolean): Promise<Browser> {
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
  if (webgpu) args.push('--enable-unsafe-webgpu');
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args });
}

export async function benchTraining(baseUrl: string, seconds = 3): Promise<TrainingSpeed[]> {
  const out: TrainingSpeed[] = [];
  for (const variant of VARIANTS) {
    const browser = await launch(variant.webgpu);
    try {
      for (const w of TRAINING_WIDGETS) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(new URL(w.path + variant.query, baseUrl).href);
        const el = page.locator(w.tag);
        await el.scrollIntoViewIfNeeded();
        await page.waitForFunction((t) => document.querySelector(t)?.getAttribute('data-ready') === 'true', w.tag, { timeout: 120_000 });
        const steps = () => el.evaluate((e: HTMLElement) => Number(e.dataset['steps'] ?? 0));
        await el.getByRole('button', { name: 'Play' }).click();
        // Warm-up: shader compilation happens in the first frames.
        await page.waitForFunction((t) => Number(document.querySelector<HTMLElement>(t)?.dataset['steps'] ?? 0) >= 12, w.tag, { timeout: 120_000 });
        const s0 = await steps();
        const t0 = Date.now();
        // Until `seconds` pass or the run reaches its last step, timed at the last step seen.
        let s1 = s0;
        let t1 = t0;
        while (Date.now() - t0 < seconds * 1000) {
          await page.waitForTimeout(100);
          const s = await steps();
          if (s !== s1) [s1, t1] = [s, Date.now()];
          else if ((await el.getAttribute('data-running')) === 'false') break;
        }
        const elapsed = (t1 - t0) / 1000;
        const backend = await el.evaluate((e: HTMLElement) => e.dataset['backend'] ?? 'unknown');
        await el.getByRole('button', { name: /Pause|Play/ }).click();
        out.push({ widget: w.widget, backend, stepsPerSecond: elapsed > 0 ? Math.round(((s1 - s0) / elapsed) * 10) / 10 : 0, measuredSteps: s1 - s0 });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }
  return out;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  benchTraining(process.argv[2] ?? 'http://127.0.0.1:4321')
    .then((rows) => {
      for (const r of rows) console.log(`  ${r.widget} on ${r.backend}: ${r.stepsPerSecond} steps/s (${r.measuredSteps} steps)`);
      console.log(JSON.stringify(rows, null, 2));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
