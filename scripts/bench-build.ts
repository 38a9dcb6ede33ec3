/** Build timing by stage and peak memory, for the real site and for a synthetic site of N topics. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkContent } from '../src/lib/content/check';
import { syntheticMdx, syntheticTopics } from '../src/lib/graph/synthetic';
import { readContentFiles } from './read-content';

export interface BuildBench {
  topics: number;
  contentValidationMs: number;
  astroMs: number;
  pagefindMs: number;
  totalMs: number;
  /** Peak resident memory of the build process tree's largest process, from /usr/bin/time. */
  peakMemoryMB: number | null;
}

function run(command: string, args: string[], cwd: string): Promise<{ output: string; ms: number; code: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ output, ms: performance.now() - started, code: code ?? 1 }));
  });
}

/** Validates the content in-process, then runs `astro build` (which includes pagefind) under /usr/bin/time. */
export async function benchBuild(cwd = process.cwd()): Promise<BuildBench> {
  const started = performance.now();
  const checked = checkContent(readContentFiles('content', cwd));
  const contentValidationMs = performance.now() - started;
  if (!checked.ok) throw new Error(`content invalid in ${cwd}`);

  const timed = existsSync('/usr/bin/time');
  const astro = join(cwd, 'node_modules/.bin/astro');
  const { output, ms, code } = timed
    ? await run('/usr/bin/time', ['-f', 'PEAK_KB=%M', astro, 'build'], cwd)
    : await run(astro, ['build'], cwd);
  if (code !== 0) throw new Error(`astro build failed in ${cwd}:\n${output.slice(-2000)}`);
  const pagefindSeconds = Number(/Finished building search index in ([\d.]+)s/.exec(output)?.[1] ?? 0);
  const peakKb = Number(/PEAK_KB=(\d+)/.exec(output)?.[1] ?? NaN);
  return {
    topics: checked.graph.order.length,
    contentValidationMs: Math.round(contentValidationMs),
    astroMs: Math.round(ms - pagefindSeconds * 1000),
    pagefindMs: Math.round(pagefindSeconds * 1000),
    totalMs: Math.round(contentValidationMs + ms),
    peakMemoryMB: Number.isFinite(peakKb) ? Math.round(peakKb / 1024) : null,
  };
}

/** Builds a copy of the project whose content is `count` generated topics. */
export async function benchScale(count: number, root = process.cwd()): Promise<BuildBench> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-scale-'));
  try {
    for (const entry of ['package.json', 'tsconfig.json', 'astro.config.mjs', 'src', 'scripts', 'public']) {
      cpSync(join(root, entry), join(dir, entry), { recursive: true });
    }
    // Hard links: a copy of node_modules in seconds (a symlink confuses Vite's module ids).
    spawnSync('cp', ['-al', join(root, 'node_modules'), join(dir, 'node_modules')]);
    for (const topic of syntheticTopics(count)) {
      mkdirSync(join(dir, 'content', topic.level), { recursive: true });
      writeFileSync(join(dir, topic.file), syntheticMdx(topic));
    }
    return await benchBuild(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
