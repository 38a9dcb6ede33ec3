import { expect, test, type Page } from '@playwright/test';
import type { GraphJson } from '../../src/lib/graph/json';
import { expectNoAxeViolations, loadGraph, watchForErrors } from './helpers';

const GOAL = 'generative-networks';
const KEY = 'atlas-progress';

function titleOf(graph: GraphJson, id: string): string {
  return graph.nodes.find((n) => n.id === id)!.title;
}

function ancestorsOf(graph: GraphJson, id: string): Set<string> {
  const found = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const to = stack.pop()!;
    for (const e of graph.edges) if (e.to === to && !found.has(e.from)) found.add(e.from), stack.push(e.from);
  }
  return found;
}

/** The ids of the plan's steps, in the order shown. */
async function planIds(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Study order' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  const hrefs = await list.getByRole('listitem').evaluateAll((items) => items.map((li) => li.querySelector('a')!.getAttribute('href')!));
  return hrefs.map((href) => href.replaceAll('/', ''));
}

function expectValidOrder(graph: GraphJson, ids: string[]) {
  const at = new Map(ids.map((id, i) => [id, i]));
  for (const e of graph.edges) {
    if (at.has(e.from) && at.has(e.to)) expect(at.get(e.from), `${e.from} before ${e.to}`).toBeLessThan(at.get(e.to)!);
  }
}

/** Opens `url` with `value` already in the saved progress (written once, before the page's scripts). */
async function openCorrupted(page: Page, url: string, value: string) {
  await page.addInitScript(
    ([key, v]) => {
      if (sessionStorage.getItem('seeded')) return;
      localStorage.setItem(key!, v!);
      sessionStorage.setItem('seeded', 'yes');
    },
    [KEY, value],
  );
  await page.goto(url);
}

test('a topic marked known stays known after a reload, and the home page counts it', async ({ page }) => {
  const graph = await loadGraph(page);
  const node = graph.nodes.find((n) => n.id === GOAL)!;
  const errors = watchForErrors(page);
  await page.goto(node.url);
  const control = page.getByRole('group', { name: `Your progress on ${node.title}` });
  await expect(control.getByRole('radio', { name: 'Not yet' })).toBeChecked();
  await control.getByRole('radio', { name: 'Known' }).check();
  await page.reload();
  await expect(page.getByRole('group', { name: `Your progress on ${node.title}` }).getByRole('radio', { name: 'Known' })).toBeChecked();
  await expect(page.getByRole('link', { name: 'Plan my path here' })).toHaveAttribute('href', `/plan/?goal=${GOAL}`);

  // Learning, then neither, is kept too.
  await page.getByRole('radio', { name: 'Learning' }).check();
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Learning' })).toBeChecked();
  await page.getByRole('radio', { name: 'Known' }).check();

  const inLevel = graph.nodes.filter((n) => n.level === node.level).length;
  await page.goto('/');
  const level = page.getByRole('region', { name: new RegExp(`^${node.level}`, 'i') });
  await expect(level.getByText(`1 of ${inLevel} known`)).toBeVisible();
  await expect(page.getByText(`You know 1 of ${graph.nodes.length} topics.`)).toBeVisible();
  expect(errors).toEqual([]);
});

test('the plan for a deep topic is in a valid order and shrinks when a prerequisite is marked known', async ({ page }) => {
  const graph = await loadGraph(page);
  const ancestors = ancestorsOf(graph, GOAL);
  expect(ancestors.size).toBeGreaterThan(3);
  await page.goto(`/plan/?goal=${GOAL}`);
  await expect(page.getByRole('combobox', { name: /Goal/ })).toHaveValue(GOAL);
  await expect(page.getByRole('heading', { level: 2, name: `Your path to ${titleOf(graph, GOAL)}` })).toBeVisible();

  const before = await planIds(page);
  expect(new Set(before)).toEqual(new Set([...ancestors, GOAL]));
  expect(before.at(-1)).toBe(GOAL);
  expectValidOrder(graph, before);
  const hours = before.reduce((sum, id) => sum + graph.nodes.find((n) => n.id === id)!.hours, 0);
  await expect(page.getByText(`about ${hours} hours of study`)).toBeVisible();

  // Mark known the prerequisite whose mark prunes the most: what only it needs goes too.
  const withoutThrough = (known: string) => {
    const kept = new Set<string>([GOAL]);
    const stack = [GOAL];
    while (stack.length > 0) {
      const to = stack.pop()!;
      for (const e of graph.edges) if (e.to === to && e.from !== known && !kept.has(e.from)) kept.add(e.from), stack.push(e.from);
    }
    return kept;
  };
  const big = [...ancestors].sort((a, b) => withoutThrough(a).size - withoutThrough(b).size)[0]!;
  await page.getByRole('button', { name: `Mark ${titleOf(graph, big)} as known` }).click();
  await expect(page.getByRole('list', { name: 'Study order' }).getByRole('link', { name: titleOf(graph, big), exact: true })).toHaveCount(0);
  const after = await planIds(page);
  expect(new Set(after)).toEqual(withoutThrough(big));
  expect(after.length).toBeLessThan(before.length);
  expectValidOrder(graph, after);

  // Without pruning, only the known topic itself is left out.
  await page.getByRole('checkbox', { name: 'Skip what only known topics need' }).uncheck();
  await expect.poll(async () => (await planIds(page)).length).toBe(before.length - 1);
  expect(page.url()).toContain('prune=0');

  // The mark is the reader's: the topic page shows it, and the plan can forget it.
  await page.getByRole('button', { name: `Unmark ${titleOf(graph, big)}` }).click();
  await expect.poll(async () => (await planIds(page)).length).toBe(before.length);
});

test('export then import restores the marks', async ({ page }) => {
  const graph = await loadGraph(page);
  await page.goto(`/plan/?goal=${GOAL}`);
  const first = await planIds(page);
  const marked = first.slice(0, 2);
  for (const id of marked) await page.getByRole('button', { name: `Mark ${titleOf(graph, id)} as known` }).click();
  await expect(page.getByText('You know 2 topics of')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export progress (JSON)' }).click();
  const file = await (await download).path();

  await page.evaluate((key) => localStorage.removeItem(key), KEY);
  await page.reload();
  await expect(page.getByText('No topic is marked yet')).toBeVisible();
  expect((await planIds(page)).slice(0, 2)).toEqual(marked);

  await page.getByLabel('Import progress from a file').setInputFiles(file);
  await expect(page.getByText('You know 2 topics of')).toBeVisible();
  const after = await planIds(page);
  for (const id of marked) expect(after).not.toContain(id);
  await page.reload();
  await expect(page.getByText('You know 2 topics of')).toBeVisible();
});

test('importing a broken file reports it and keeps the marks', async ({ page }) => {
  await page.goto(`/plan/?goal=${GOAL}`);
  const first = (await planIds(page))[0]!;
  await page.getByRole('button', { name: /^Mark .* as known$/ }).first().click();
  await page.getByLabel('Import progress from a file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"marks": {') });
  await expect(page.getByText('The file “broken.json” could not be read')).toBeVisible();
  await expect(page.getByText('You know 1 topic of')).toBeVisible();
  expect(await planIds(page)).not.toContain(first);
});

for (const where of ['topic', 'plan', 'home'] as const) {
  test(`a corrupted saved value shows a notice and the ${where} page still works`, async ({ page }) => {
    const graph = await loadGraph(page);
    const errors = watchForErrors(page);
    const url = { topic: `/${GOAL}/`, plan: `/plan/?goal=${GOAL}`, home: '/' }[where];
    await openCorrupted(page, url, '{"format":"deep-learning-atlas/progress","version":1,"marks":{"convol');
    await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toBeVisible();
    if (where === 'topic') {
      await page.getByRole('radio', { name: 'Known' }).check();
      await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toBeHidden();
      await page.reload();
      await expect(page.getByRole('radio', { name: 'Known' })).toBeChecked();
    } else if (where === 'plan') {
      expect((await planIds(page)).length).toBe(ancestorsOf(graph, GOAL).size + 1);
      await page.getByRole('button', { name: /^Mark .* as known$/ }).first().click();
      await expect(page.getByRole('status').filter({ hasText: 'could not be read' })).toBeHidden();
      await expect(page.getByText('You know 1 topic of')).toBeVisible();
    } else {
      await expect(page.getByText(/0 of \d+ known/).first()).toBeVisible();
    }
    expect(errors).toEqual([]);
  });
}

test('a shared link plans with its own marks and reports ids it does not know', async ({ page }) => {
  const graph = await loadGraph(page);
  const prerequisite = graph.edges.find((e) => e.to === GOAL)!.from;
  await page.goto(`/plan/?goal=${GOAL}&known=${prerequisite},no-such-topic`);
  await expect(page.getByText('"no-such-topic"')).toBeVisible();
  await expect(page.getByText('This plan uses the marks in the link')).toBeVisible();
  expect(await planIds(page)).not.toContain(prerequisite);
  // The reader's own progress is untouched until they choose.
  await expect(page.getByText('No topic is marked yet')).toBeVisible();
  await page.getByRole('button', { name: 'Save the link’s marks as mine' }).click();
  await expect(page.getByText('You know 1 topic of')).toBeVisible();
  expect(page.url()).not.toContain('known=');

  await page.goto('/plan/?goal=no-such-goal');
  await expect(page.getByText('"no-such-goal"')).toBeVisible();
  await expect(page.getByRole('combobox', { name: /Goal/ })).toHaveValue('');
});

test('the plan page links to the map and prints only the plan', async ({ page }) => {
  await page.goto(`/plan/?goal=${GOAL}`);
  await planIds(page);
  await expect(page.getByRole('link', { name: 'Show on the map' })).toHaveAttribute('href', `/map/?plan=${GOAL}`);
  await expect(page.getByRole('textbox', { name: 'Link to this plan' })).toHaveValue(new RegExp(`/plan/\\?goal=${GOAL}`));
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('list', { name: 'Study order' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: /Goal/ })).toBeHidden();
  await expect(page.getByRole('button', { name: /^Mark / }).first()).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Your progress' })).toBeHidden();
});

test('no axe violations on /plan/ with a plan shown', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto(`/plan/?goal=${GOAL}&known=probabilities`);
  await planIds(page);
  await expect(page.getByText('needs JavaScript')).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the marks stay out of the way', async ({ page }) => {
    await page.goto(`/${GOAL}/`);
    await expect(page.getByRole('radio')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Plan my path here' })).toBeVisible();
    await page.goto('/');
    await expect(page.getByText(/of \d+ known/).filter({ visible: true })).toHaveCount(0);
    await page.goto('/plan/');
    await expect(page.getByText('needs JavaScript')).toBeVisible();
  });
});
