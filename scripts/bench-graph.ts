/**
 * Speed and weight of the graph views, measured in headless Chromium against a built site:
 *
 *   npx tsx scripts/bench-graph.ts http://127.0.0.1:4321
 *
 * - layout: /map/ with the site's graph, from the map script starting to the layout done
 *   (performance marks set by map-explorer.ts), median of several loads;
 * - a synthetic graph of 2,000 topics and ~5,000 edges, served to /map/?graph=… through request
 *   interception (nothing is written to dist/): time until the map is interactive, and time for a
 *   click on a node to be answered (highlight and panel painted);
 * - JavaScript shipped: everything /map/ loads, and a topic page before and after its
 *   neighbourhood graph loads, in gzip bytes.
 *
 * Prints a table and returns (or, standalone, prints) the figures as JSON.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { syntheticGraphJson } from '../src/lib/graph/synthetic';
import type { GraphJson } from '../src/lib/graph/json';

export const TARGETS = {
  layoutMs: 500,
  syntheticInteractiveMs: 4000,
  selectionMs: 100,
  mapJsGzipBytes: 180_000,
} as const;

export interface GraphBenchResult {
  site: { topics: number; layoutMs: number; layoutRunsMs: number[]; loadMs: number; readyMs: number };
  synthetic: {
    topics: number;
    edges: number;
    layout: string;
    /** From the map script starting to the first painted frame with every node and edge. */
    interactiveMs: number;
    /** The same, from the start of navigation. */
    interactiveFromNavigationMs: number;
    selectionRunsMs: number[];
    selectionMs: number;
  };
  js: { mapGzipBytes: number; topicBeforeGraphGzipBytes: number; topicAfterGraphGzipBytes: number };
  targets: typeof TARGETS;
  pass: Record<keyof typeof TARGETS, boolean>;
}

const SYNTHETIC_PATH = '/__bench/synthetic-graph.json';

function titleOf(graph: GraphJson, id: string): string {
  return graph.nodes.find((n) => n.id === id)!.title;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function measure(page: Page, name: string): Promise<{ start: number; duration: number }> {
  const m = await page.waitForFunction((n) => {
    const e = performance.getEntriesByName(n, 'measure').at(-1);
    return e ? { start: e.startTime, duration: e.duration } : null;
  }, name, { timeout: 60_000 });
  return (await m.jsonValue())!;
}

async function markTime(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'mark').at(-1)?.startTime ?? NaN, name);
}

/** Collects the gzip size of every script the page loads. */
function watchScripts(page: Page): { bytes: () => number; urls: string[] } {
  const sizes = new Map<string, number>();
  const urls: string[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    try {
      const body = await response.body();
      sizes.set(response.url(), gzipSync(body, { level: 9 }).length);
      urls.push(response.url());
    } catch {
      // A response without a body (a redirect) weighs nothing.
    }
  });
  return { bytes: () => [...sizes.values()].reduce((a, b) => a + b, 0), urls };
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

async function benchSite(browser: Browser, base: string, runs: number) {
  const layout: number[] = [];
  const load: number[] = [];
  const ready: number[] = [];
  let topics = 0;
  for (let i = 0; i < runs; i++) {
    const page = await newPage(browser);
    await page.goto(`${base}/map/`);
    const m = await measure(page, 'atlas-map-layout');
    layout.push(m.duration);
    load.push((await markTime(page, 'atlas-map-loaded')) - m.start);
    ready.push((await measure(page, 'atlas-map-ready')).duration);
    topics = await page.locator('atlas-map').evaluate((el) => (el as HTMLElement & { inspect(): { nodes: number } }).inspect().nodes);
    await page.context().close();
  }
  return { topics, layoutMs: median(layout), layoutRunsMs: layout, loadMs: median(load), readyMs: median(ready) };
}

async function benchSynthetic(browser: Browser, base: string, clicks: number) {
  const graph = syntheticGraphJson(2000);
  const page = await newPage(browser);
  await page.route(`${base}${SYNTHETIC_PATH}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(graph) }),
  );
  await page.goto(`${base}/map/?graph=${encodeURIComponent(SYNTHETIC_PATH)}`);
  const ready = await measure(page, 'atlas-map-ready');
  const map = page.locator('atlas-map');
  const layout = await map.evaluate((el) => (el as HTMLElement & { inspect(): { layout: string } }).inspect().layout);
  const canvas = page.locator('[data-canvas]');
  const position = (id: string) =>
    map.evaluate(
      (el, id) => (el as HTMLElement & { renderedPosition(id: string): { x: number; y: number } | null }).renderedPosition(id),
      id,
    );
  // A reader finds a topic (the map centres it at a readable zoom), then clicks a neighbour of it.
  const selection: number[] = [];
  for (let i = 0; i < clicks; i++) {
    const from = graph.edges[Math.floor(((i + 0.5) / clicks) * graph.edges.length)]!;
    await page.getByRole('combobox', { name: 'Find a topic' }).fill(titleOf(graph, from.from));
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    // The first of its neighbours (what it needs or unlocks) that is in view.
    const neighbours = graph.edges.filter((e) => e.from === from.from || e.to === from.from).map((e) => (e.from === from.from ? e.to : e.from));
    let at: { x: number; y: number } | null = null;
    for (const id of neighbours) {
      const p = await position(id);
      if (p && p.x > 10 && p.y > 10 && p.x < box.width - 10 && p.y < box.height - 10) {
        at = p;
        break;
      }
    }
    if (!at) continue;
    await page.evaluate(() => performance.clearMeasures('atlas-select'));
    await page.mouse.click(box.x + at.x, box.y + at.y);
    selection.push((await measure(page, 'atlas-select')).duration);
  }
  await page.context().close();
  return {
    topics: graph.nodes.length,
    edges: graph.edges.length,
    layout,
    interactiveMs: ready.duration,
    interactiveFromNavigationMs: ready.start + ready.duration,
    selectionRunsMs: selection,
    selectionMs: selection.length > 0 ? median(selection) : NaN,
  };
}

async function benchJs(browser: Browser, base: string) {
  const mapPage = await newPage(browser);
  const onMap = watchScripts(mapPage);
  await mapPage.goto(`${base}/map/`);
  await mapPage.locator('atlas-map[data-state="ready"]').waitFor();
  await mapPage.waitForLoadState('networkidle');
  const mapGzipBytes = onMap.bytes();
  await mapPage.context().close();

  // A topic page with a neighbourhood graph: the first one the map lists that has one.
  const json = (await (await fetch(`${base}/graph.json`)).json()) as GraphJson;
  const topic = json.nodes.find((n) => json.edges.some((e) => e.from === n.id) && json.edges.some((e) => e.to === n.id)) ?? json.nodes[0]!;
  // A short window, so that the figure starts out of view even on a short stub page.
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 300 } })).newPage();
  const onTopic = watchScripts(page);
  await page.goto(`${base}${topic.url}`, { waitUntil: 'networkidle' });
  const topicBeforeGraphGzipBytes = onTopic.bytes();
  const figure = page.locator('atlas-neighbourhood');
  let topicAfterGraphGzipBytes = topicBeforeGraphGzipBytes;
  if ((await figure.count()) > 0) {
    await figure.scrollIntoViewIfNeeded();
    await page.locator('atlas-neighbourhood[data-state="ready"]').waitFor();
    await page.waitForLoadState('networkidle');
    topicAfterGraphGzipBytes = onTopic.bytes();
  }
  await page.context().close();
  return { mapGzipBytes, topicBeforeGraphGzipBytes, topicAfterGraphGzipBytes };
}

export async function benchGraph(baseUrl: string, options: { runs?: number; clicks?: number } = {}): Promise<GraphBenchResult> {
  const base = baseUrl.replace(/\/$/, '');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const site = await benchSite(browser, base, options.runs ?? 5);
    const synthetic = await benchSynthetic(browser, base, options.clicks ?? 5);
    const js = await benchJs(browser, base);
    const result: GraphBenchResult = {
      site,
      synthetic,
      js,
      targets: TARGETS,
      pass: {
        layoutMs: site.layoutMs <= TARGETS.layoutMs,
        syntheticInteractiveMs: synthetic.interactiveMs <= TARGETS.syntheticInteractiveMs,
        selectionMs: synthetic.selectionMs <= TARGETS.selectionMs,
        mapJsGzipBytes: js.mapGzipBytes <= TARGETS.mapJsGzipBytes,
      },
    };
    printTable(result);
    return result;
  } finally {
    await browser.close();
  }
}

function printTable(r: GraphBenchResult): void {
  const ms = (x: number) => `${Math.round(x)} ms`;
  const kb = (x: number) => `${(x / 1000).toFixed(1)} kB`;
  const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
  const rows: [string, string, string, string][] = [
    [`site map layout (${r.site.topics} topics), median`, ms(r.site.layoutMs), `≤ ${TARGETS.layoutMs} ms`, ok(r.pass.layoutMs)],
    ['  runs', r.site.layoutRunsMs.map((x) => Math.round(x)).join(', '), '', ''],
    ['  of which fetch + import', ms(r.site.loadMs), '', ''],
    ['  until first frame painted', ms(r.site.readyMs), '', ''],
    [
      `synthetic (${r.synthetic.topics} topics, ${r.synthetic.edges} edges, ${r.synthetic.layout}) interactive`,
      ms(r.synthetic.interactiveMs),
      `≤ ${TARGETS.syntheticInteractiveMs} ms`,
      ok(r.pass.syntheticInteractiveMs),
    ],
    ['  from navigation start', ms(r.synthetic.interactiveFromNavigationMs), '', ''],
    ['synthetic node selection, median', ms(r.synthetic.selectionMs), `≤ ${TARGETS.selectionMs} ms`, ok(r.pass.selectionMs)],
    ['  runs', r.synthetic.selectionRunsMs.map((x) => Math.round(x)).join(', '), '', ''],
    ['map page JS (gzip)', kb(r.js.mapGzipBytes), `≤ ${TARGETS.mapJsGzipBytes / 1000} kB`, ok(r.pass.mapJsGzipBytes)],
    ['topic page JS before its graph loads (gzip)', kb(r.js.topicBeforeGraphGzipBytes), '', ''],
    ['topic page JS after its graph loads (gzip)', kb(r.js.topicAfterGraphGzipBytes), '', ''],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i as 0 | 1 | 2 | 3].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const base = process.argv[2] ?? 'http://127.0.0.1:4321';
  benchGraph(base)
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
