import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, loadGraph, watchForErrors } from './helpers';
import { SEARCH_QUERIES } from './search-queries';

/** The ids of the first `n` results for a query, from pagefind's own API in the built site. */
async function topResults(page: Page, query: string, n = 3): Promise<string[]> {
  return page.evaluate(
    async ({ query, n }) => {
      const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
      const search = await pagefind.search(query);
      const data = await Promise.all(search.results.slice(0, n).map((r: { data: () => Promise<{ url: string }> }) => r.data()));
      return data.map((d: { url: string }) => d.url.replace(/^\/|\/$/g, ''));
    },
    { query, n },
  );
}

test.describe('relevance: the expected topic is among the first three results', () => {
  for (const { query, expect: id } of SEARCH_QUERIES) {
    test(`"${query}" finds ${id}`, async ({ page }) => {
      await page.goto('/levels/entry/');
      expect(await topResults(page, query)).toContain(id);
    });
  }
});

test('a topic page loads no search code until the reader reaches for search', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const graph = await loadGraph(page);
  await page.goto(graph.nodes[0]!.url, { waitUntil: 'networkidle' });
  // pagefind's UI is bundled as the `ui-core` chunk; its index lives under /pagefind/.
  const searchCode = (u: string) => /pagefind|ui-core/.test(u);
  expect(requests.filter(searchCode)).toEqual([]);
  await page.getByRole('button', { name: 'Search' }).hover();
  await expect.poll(() => requests.some((u) => /ui-core/.test(u))).toBe(true);
});

test('the shortcut opens search; results show level labels; filters narrow them; a result navigates', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('/levels/entry/', { waitUntil: 'networkidle' });
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search the Atlas' });
  await expect(dialog).toBeVisible();
  const input = dialog.getByRole('searchbox').or(dialog.getByRole('textbox')).first();
  await expect(input).toBeFocused();
  await input.fill('gradient');
  const results = dialog.locator('.pagefind-ui__result');
  await expect(results.first()).toBeVisible();
  await expect(results.first()).toContainText(/Level: (Entry|Intermediate|Advanced|Expert)/);
  const before = await dialog.locator('.pagefind-ui__message').innerText();

  await dialog.getByText('Level', { exact: true }).click();
  await dialog.getByLabel(/^Expert/).check();
  await expect(dialog.locator('.pagefind-ui__message')).not.toHaveText(before);
  const levels = await results.locator('.pagefind-ui__result-tag', { hasText: 'Level:' }).allInnerTexts();
  expect(levels.length).toBeGreaterThan(0);
  expect(levels.every((t) => /Expert/.test(t))).toBe(true);

  await expectNoAxeViolations(page);

  const title = (await results.first().locator('.pagefind-ui__result-link').first().innerText()).trim();
  await results.first().locator('.pagefind-ui__result-link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  expect(errors).toEqual([]);
});

test('on the map, choosing a search result focuses that topic on the map', async ({ page }) => {
  await page.goto('/map/', { waitUntil: 'networkidle' });
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the Atlas' });
  const input = dialog.getByRole('searchbox').or(dialog.getByRole('textbox')).first();
  await expect(input).toBeFocused();
  await input.fill('chain rule');
  const link = dialog.locator('.pagefind-ui__result-link').first();
  await expect(link).toHaveAttribute('href', '/map/?focus=backpropagation');
  await link.click();
  await expect(page).toHaveURL(/\/map\/\?focus=backpropagation$/);
  await expect(page.getByRole('complementary').getByRole('heading', { level: 2 })).toHaveText('Backpropagation');
});
