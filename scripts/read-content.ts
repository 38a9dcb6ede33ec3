/** Reads every topic file under a content folder, for the checker and the Astro config. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SourceFile } from '../src/lib/content/check';

function listMdx(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => {
      const path = join(dir, d.name);
      if (d.isDirectory()) return listMdx(path);
      return /\.mdx?$/.test(d.name) ? [path] : [];
    })
    .sort();
}

export function readContentFiles(root = 'content', cwd = process.cwd()): SourceFile[] {
  return listMdx(join(cwd, root)).map((path) => ({ path: relative(cwd, path), text: readFileSync(path, 'utf8') }));
}
