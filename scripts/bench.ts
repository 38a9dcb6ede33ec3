/**
 * `npm run bench`: builds the site, measures it and prints a table; the figures are also written to
 * bench-results.json (not committed). Every section runs even if another fails.
 * Targets come from the issues; they are reported against, never asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { buildGraph } from '../src/lib/graph/build';
import { syntheticTopics } from '../src/lib/graph/synthetic';
import { benchBuild, benchScale } from './bench-build';
import { benchGraph } from './bench-graph';
import { benchLighthouse, benchPageWeights, benchSearch } from './bench-pages';
import { benchPlan } from './bench-plan';
import { benchTraining } from './bench-training';
import { benchWidgets } from './bench-widgets';

const PORT = 4399;
const BASE = `http://127.0.0.1:${PORT}`;
const SCALE_TOPICS = Number(process.env.BENCH_SCALE_TOPICS ?? 2000);
const results: Record<string, unknown> = {};

async function section<T>(name: string, run: () => Promise<T> | T): Promise<void> {
  const started = performance.now();
  process.stdout.write(`… ${name}\n`);
  try {
    results[name] = await run();
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

function serve(): Promise<ChildProcess> {
  const server = spawn('node_modules/.bin/astro', ['preview', '--host', '127.0.0.1', '--port', String(PORT)], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = () =>
      fetch(`${BASE}/`)
        .then(() => resolve(server))
        .catch(() => (Date.now() > deadline ? reject(new Error('preview server did not start')) : setTimeout(poll, 300)));
    poll();
  });
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

await section('build', () => benchBuild());
const server = await serve();
try {
  await section('pageWeights', () => benchPageWeights(BASE, ['/', '/convolution/', '/map/', '/matrix-operations/']));
  await section('search', () => benchSearch(BASE, ['relu', 'stratified split', 'chain rule', 'mixed precision']));
  await section('graph', () => benchGraph(BASE));
  await section('widgets', () => benchWidgets(BASE));
  await section('training widgets', () => benchTraining(BASE));
  for (const path of ['/', '/convolution/', '/map/']) {
    await section(`lighthouse ${path}`, () => benchLighthouse(BASE, path));
  }
} finally {
  server.kill();
}
await section('validation of 10,000 synthetic topics', () => {
  const topics = syntheticTopics(10_000);
  const samples = Array.from({ length: 5 }, () => {
    const started = performance.now();
    if (!buildGraph(topics).ok) throw new Error('synthetic graph invalid');
    return performance.now() - started;
  });
  return { topics: topics.length, medianMs: Math.round(median(samples)) };
});
await section('planning', () => benchPlan());
await section(`scale build of ${SCALE_TOPICS} synthetic topics`, () => benchScale(SCALE_TOPICS));

writeFileSync('bench-results.json', JSON.stringify(results, null, 2));
console.log('\nDeep Learning Atlas benchmark (targets from the issues in brackets)\n');
for (const [name, value] of Object.entries(results)) {
  console.log(`## ${name}`);
  if (Array.isArray(value)) console.table(value);
  else console.table([value]);
}
console.log(
  'Targets: full build < 60 s; 2,000 synthetic topics < 90 s; Lighthouse 100/100/100/100 on home and topic pages, performance ≥ 90 on /map/;\n' +
    'search ≤ 300 kB per query and ≤ 150 ms warm; planning 10,000 topics ≤ 50 ms; tfjs ≤ 150 kB gzip on a WebGPU browser.\n' +
    'Figures written to bench-results.json.',
);
