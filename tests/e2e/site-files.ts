/** Reading the built site from disk, for checks that need no browser. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DIST = join(import.meta.dirname, '../../dist');

/** Every HTML page of the built site, as a URL path ("/convolution/"). */
export function builtPages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'pagefind' || name === '_astro' ? [] : walk(path);
      return name.endsWith('.html') ? [path] : [];
    });
  return walk(DIST)
    .map((file) => `/${relative(DIST, file).replace(/index\.html$/, '').replace(/\\/g, '/')}`)
    .sort();
}

export function fileFor(urlPath: string): string | undefined {
  const clean = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
  const candidates = clean.endsWith('/') ? [join(DIST, clean, 'index.html')] : [join(DIST, clean), join(DIST, clean, 'index.html')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

export function readPage(urlPath: string): string {
  return readFileSync(fileFor(urlPath)!, 'utf8');
}

/** Page URLs listed in the sitemap, as paths. */
export function sitemapPaths(): string[] {
  const index = readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8');
  const maps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  return maps.flatMap((map) =>
    [...readFileSync(join(DIST, map), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname),
  );
}

/** Ids of topics whose page embeds a live widget (their MDX imports one). */
export function widgetTopicIds(): Set<string> {
  const root = join(import.meta.dirname, '../../content');
  const ids = new Set<string>();
  for (const level of readdirSync(root)) {
    for (const file of readdirSync(join(root, level))) {
      if (readFileSync(join(root, level, file), 'utf8').includes('components/widgets/')) ids.add(file.replace(/\.mdx$/, ''));
    }
  }
  return ids;
}
