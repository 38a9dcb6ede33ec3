/** What readers download and wait for: page weights, search cost, and Lighthouse scores. */
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { WIDGET_PAGES } from './bench-widgets';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS, ...extraArgs] });
}

export interface PageWeight {
  path: string;
  /** Gzip bytes by resource kind, as first loaded (widget pages: after scrolling the first widget into view). */
  htmlKB: number;
  cssKB: number;
  jsKB: number;
  requests: number;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

export async function benchPageWeights(baseUrl: string, paths: readonly string[]): Promise<PageWeight[]> {
  const browser = await launchChromium();
  try {
    const out: PageWeight[] = [];
    for (const path of paths) {
      const page = await browser.newPage();
      const sizes: Promise<{ type: string; bytes: number }>[] = [];
      page.on('response', (response) => {
        if (!response.ok()) return;
        const type = response.request().resourceType();
        sizes.push(response.body().then((b) => ({ type, bytes: gzipSync(b).length }), () => ({ type, bytes: 0 })));
      });
      await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
      const tag = WIDGET_PAGES.find((w) => w.path === path)?.tag;
      const widget = page.locator(tag ?? 'atlas-no-widget').first();
      if (tag && (await widget.count())) {
        await widget.scrollIntoViewIfNeeded();
        await page.waitForLoadState('networkidle');
      }
      const all = await Promise.all(sizes);
      const sum = (type: string) => all.filter((s) => s.type === type).reduce((a, s) => a + s.bytes, 0);
      out.push({ path, htmlKB: kb(sum('document')), cssKB: kb(sum('stylesheet')), jsKB: kb(sum('script')), requests: all.length });
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

export interface SearchBench {
  query: string;
  /** Bytes fetched from /pagefind/ for this query, first query of a fresh page (cold) included. */
  kBTransferred: number;
  coldMs: number;
  warmMs: number;
}

/** Time to first results and bytes per query, through pagefind's own API in the built site. */
export async function benchSearch(baseUrl: string, queries: readonly string[]): Promise<SearchBench[]> {
  const browser = await launchChromium();
  try {
    const out: SearchBench[] = [];
    for (const query of queries) {
      const page = await browser.newPage();
      let bytes = 0;
      page.on('response', (r) => {
        if (r.url().includes('/pagefind/')) void r.body().then((b) => (bytes += b.length), () => undefined);
      });
      await page.goto(`${baseUrl}/levels/entry/`, { waitUntil: 'networkidle' });
      // A string, not a function: tsx would wrap a function's inner helpers in its own `__name` calls.
      const times = (await page.evaluate(`(async () => {
        const pf = await import(location.origin + '/pagefind/pagefind.js');
        const timeOne = async () => {
          const t0 = performance.now();
          const search = await pf.search(${JSON.stringify(query)});
          await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
          return performance.now() - t0;
        };
        const started = performance.now();
        await timeOne();
        const cold = performance.now() - started;
        return { cold, warm: await timeOne() };
      })()`)) as { cold: number; warm: number };
      await page.waitForLoadState('networkidle');
      out.push({ query, kBTransferred: kb(bytes), coldMs: Math.round(times.cold), warmMs: Math.round(times.warm * 10) / 10 });
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

export interface LighthouseScores {
  path: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
}

/** Lighthouse 12 (mobile, the default form factor) on one URL. */
export function benchLighthouse(baseUrl: string, path: string): Promise<LighthouseScores> {
  return new Promise((resolve, reject) => {
    const args = [
      'lighthouse',
      baseUrl + path,
      '--output=json',
      '--quiet',
      '--only-categories=performance,accessibility,best-practices,seo',
      `--chrome-flags=--headless=new ${LAUNCH_ARGS.join(' ')}`,
    ];
    const child = spawn('npx', args, { env: { ...process.env, CHROME_PATH: CHROMIUM } });
    let json = '';
    child.stdout.on('data', (d) => (json += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`lighthouse exited with ${code}`));
      const report = JSON.parse(json) as { categories: Record<string, { score: number }> };
      const score = (key: string) => Math.round((report.categories[key]?.score ?? 0) * 100);
      resolve({
        path,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
      });
    });
  });
}
