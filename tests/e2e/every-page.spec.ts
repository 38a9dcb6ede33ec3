import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, watchForErrors } from './helpers';
import { sitemapPaths, widgetTopicIds } from './site-files';

const KB = 1024;
const widgetPages = new Set([...widgetTopicIds()].map((id) => `/${id}/`));
const MAP_PAGE = '/map/';

/** JavaScript budget (gzip) of a page as first loaded, before any interaction. */
function jsBudget(path: string): number {
  if (path === MAP_PAGE) return 200 * KB;
  if (widgetPages.has(path)) return Infinity; // tfjs loads on approach; measured in `npm run bench`
  return 30 * KB;
}

for (const path of sitemapPaths()) {
  test(`${path}: accessible, self-contained, error-free and within its JavaScript budget`, async ({ page, baseURL }) => {
    const errors = watchForErrors(page);
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    const scripts: Promise<number>[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script' && response.ok()) {
        scripts.push(response.body().then((body) => gzipSync(body).length));
      }
    });

    await page.goto(path, { waitUntil: 'networkidle' });
    await expectNoAxeViolations(page);

    const jsBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    expect(foreign, 'requests to other origins').toEqual([]);
    expect(errors, 'console errors and failed requests').toEqual([]);
    expect(jsBytes, `gzip JavaScript on ${path}`).toBeLessThanOrEqual(jsBudget(path));
    if (!widgetPages.has(path)) {
      const tf = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /tfjs|tensorflow/.test(e.name)).length);
      expect(tf, 'tfjs requests on a page without a widget').toBe(0);
    }
  });
}

test('phone width: home and a topic page have no axe violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/', '/convolution/']) {
    await page.goto(path, { waitUntil: 'networkidle' });
    await expectNoAxeViolations(page);
  }
});

test('light theme: a topic page has no axe violations', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('starlight-theme', 'light'));
  await page.goto('/backpropagation/', { waitUntil: 'networkidle' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectNoAxeViolations(page);
});
