import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, loadGraph, topicInTheMiddle, watchForErrors } from './helpers';

test('the home page links every topic, by level', async ({ page }) => {
  const graph = await loadGraph(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Deep Learning Atlas' })).toBeVisible();
  const hrefs = new Set(
    await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
  );
  const missing = graph.nodes.filter((n) => !hrefs.has(n.url)).map((n) => n.id);
  expect(missing).toEqual([]);
  for (const level of ['Entry', 'Intermediate', 'Advanced', 'Expert']) {
    await expect(page.getByRole('heading', { level: 2, name: `${level} level` })).toBeVisible();
  }
});

test('a topic page lists its prerequisites with reasons and what it unlocks, and the links work', async ({ page }) => {
  const graph = await loadGraph(page);
  const topic = topicInTheMiddle(graph);
  const title = (id: string) => graph.nodes.find((n) => n.id === id)!.title;
  await page.goto(topic.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(topic.title);

  const before = page.getByRole('region', { name: 'Before this' });
  for (const edge of graph.edges.filter((e) => e.to === topic.id)) {
    await expect(before.getByRole('link', { name: title(edge.from), exact: true })).toBeVisible();
    await expect(before).toContainText(edge.why);
  }
  const unlocks = page.getByRole('region', { name: 'This unlocks' });
  const next = graph.edges.filter((e) => e.from === topic.id);
  for (const edge of next) {
    await expect(unlocks.getByRole('link', { name: title(edge.to), exact: true })).toBeVisible();
  }

  await unlocks.getByRole('link', { name: title(next[0]!.to), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title(next[0]!.to));
  await expect(page.getByRole('region', { name: 'Before this' }).getByRole('link', { name: topic.title, exact: true })).toBeVisible();
});

test('previous and next stay within the level', async ({ page }) => {
  const graph = await loadGraph(page);
  const entry = graph.nodes.filter((n) => n.level === 'entry');
  const levelOf = new Map(graph.nodes.map((n) => [n.url, n.level]));
  for (const node of entry.slice(0, 3)) {
    await page.goto(node.url);
    for (const rel of ['prev', 'next']) {
      const link = page.locator(`a[rel="${rel}"]`);
      if ((await link.count()) === 0) continue;
      expect(levelOf.get((await link.getAttribute('href'))!)).toBe('entry');
    }
  }
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('a topic page is fully readable', async ({ page }) => {
    const graph = await loadGraph(page);
    const topic = topicInTheMiddle(graph);
    await page.goto(topic.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(topic.title);
    await expect(page.getByText(topic.description).first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Before this' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'This unlocks' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Resources' })).toBeVisible();
    const bodyWords = (await page.locator('.sl-markdown-content').innerText()).split(/\s+/).length;
    expect(bodyWords).toBeGreaterThan(100);
  });
});

for (const path of ['/', '/levels/entry/', 'topic']) {
  test(`no console errors or failed requests, and no axe violations: ${path}`, async ({ page }) => {
    const url = path === 'topic' ? topicInTheMiddle(await loadGraph(page)).url : path;
    const errors = watchForErrors(page);
    await page.goto(url, { waitUntil: 'networkidle' });
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
}
