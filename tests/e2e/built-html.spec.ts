import { expect, test } from '@playwright/test';
import { HtmlValidate } from 'html-validate';
import { parse } from 'node-html-parser';
import { builtPages, fileFor, readPage, sitemapPaths } from './site-files';

// Checks of the built files themselves: no browser needed.
const pages = builtPages();

test('the sitemap lists every page but the 404 page', () => {
  expect(sitemapPaths().sort()).toEqual(pages.filter((p) => p !== '/404.html').sort());
});

test('every page has a title, a description and exactly one h1', () => {
  const problems: string[] = [];
  for (const path of pages) {
    const root = parse(readPage(path));
    if (!root.querySelector('title')?.text.trim()) problems.push(`${path}: no <title>`);
    if (!root.querySelector('meta[name="description"]')?.getAttribute('content')?.trim()) problems.push(`${path}: no meta description`);
    const h1 = root.querySelectorAll('h1').length;
    if (h1 !== 1) problems.push(`${path}: ${h1} h1 elements`);
  }
  expect(problems).toEqual([]);
});

test('every internal link and anchor resolves', () => {
  const ids = new Map<string, Set<string>>();
  const idsOf = (path: string) => {
    if (!ids.has(path)) ids.set(path, new Set(parse(readPage(path)).querySelectorAll('[id]').map((e) => e.id)));
    return ids.get(path)!;
  };
  const broken: string[] = [];
  for (const path of pages) {
    for (const a of parse(readPage(path)).querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      if (/^(https?:|mailto:)/.test(href)) continue;
      const url = new URL(href, `http://site${path}`);
      const target = url.pathname;
      if (!fileFor(target)) {
        broken.push(`${path} → ${href} (no such page)`);
        continue;
      }
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (anchor && fileFor(target)!.endsWith('.html') && !idsOf(target.endsWith('/') || target.endsWith('.html') ? target : `${target}/`).has(anchor)) {
        broken.push(`${path} → ${href} (no element with id "${anchor}")`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test('nothing is requested from another origin: scripts, styles, fonts, images are self-hosted', () => {
  const foreign: string[] = [];
  const selectors = ['script[src]', 'link[href]', 'img[src]', 'source[src]', 'iframe[src]', 'video[src]', 'audio[src]'];
  for (const path of pages) {
    const html = readPage(path);
    for (const el of parse(html).querySelectorAll(selectors.join(','))) {
      const rel = el.getAttribute('rel') ?? '';
      // Links that only describe the page (canonical, sitemap, alternate) make no request.
      if (el.tagName === 'LINK' && /^(canonical|sitemap|alternate)$/.test(rel)) continue;
      const url = el.getAttribute('src') ?? el.getAttribute('href')!;
      if (/^(https?:)?\/\//.test(url)) foreign.push(`${path}: <${el.tagName.toLowerCase()}> ${url}`);
    }
    for (const m of html.matchAll(/url\((['"]?)(https?:)?\/\/[^)]+\)/g)) foreign.push(`${path}: CSS ${m[0]}`);
  }
  expect(foreign).toEqual([]);
});

test('the built HTML is valid', async () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:standard'],
    // This stylistic rule rejects every raw ">" in text, which HTML permits (KaTeX writes one for the
    // relation sign, Shiki in code); markup errors are still caught by the parser rules.
    rules: { 'no-raw-characters': 'off' },
  });
  const errors: string[] = [];
  for (const path of pages) {
    const report = await validator.validateString(readPage(path), path);
    for (const result of report.results) {
      for (const m of result.messages) errors.push(`${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
  }
  expect(errors).toEqual([]);
});
