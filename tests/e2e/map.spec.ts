import { expect, test, type Page } from '@playwright/test';
import type { MapInspection, AtlasMap } from '../../src/components/graph/map-explorer';
import type { GraphJson } from '../../src/lib/graph/json';
import { ancestors, descendants, indexGraph, studyOrder } from '../../src/lib/graph/view';
import { expectNoAxeViolations, loadGraph, topicInTheMiddle, watchForErrors } from './helpers';

const map = (page: Page) => page.locator('atlas-map');
const canvas = (page: Page) => page.getByRole('application', { name: /Prerequisite map/ });
const panel = (page: Page) => page.getByRole('complementary');

async function openMap(page: Page, query = ''): Promise<void> {
  await page.goto(`/map/${query}`);
  await expect(map(page)).toHaveAttribute('data-state', 'ready');
}

function inspect(page: Page): Promise<MapInspection> {
  return map(page).evaluate((el) => (el as AtlasMap).inspect());
}

/** Clicks a node where the map draws it. */
async function clickNode(page: Page, id: string): Promise<void> {
  await canvas(page).scrollIntoViewIfNeeded();
  const at = await map(page).evaluate((el, id) => (el as AtlasMap).renderedPosition(id), id);
  const box = await canvas(page).boundingBox();
  if (!at || !box) throw new Error(`node ${id} is not drawn`);
  await page.mouse.click(box.x + at.x, box.y + at.y);
}

const titleOf = (graph: GraphJson, id: string) => graph.nodes.find((n) => n.id === id)!.title;

test('the map draws every topic, and the outline lists them all in study order', async ({ page }) => {
  const errors = watchForErrors(page);
  const graph = await loadGraph(page);
  await openMap(page);
  const state = await inspect(page);
  expect(state.nodes).toBe(graph.nodes.length);
  expect(state.visible).toHaveLength(graph.nodes.length);
  await expect(canvas(page)).toHaveAccessibleName(new RegExp(`all ${graph.nodes.length} topics`));

  const outline = page.getByRole('region', { name: 'All topics in study order' });
  const hrefs = await outline.locator('ol > li > a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs).toHaveLength(graph.nodes.length);
  const position = new Map(hrefs.map((h, i) => [h, i]));
  const url = new Map(graph.nodes.map((n) => [n.id, n.url]));
  for (const e of graph.edges) expect(position.get(url.get(e.from)!)!).toBeLessThan(position.get(url.get(e.to)!)!);
  for (const level of ['Entry', 'Intermediate', 'Advanced', 'Expert']) {
    await expect(outline.getByRole('heading', { level: 3, name: new RegExp(`^${level} level`) })).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test('selecting a node shows its panel and highlights exactly its ancestors and descendants', async ({ page }) => {
  const errors = watchForErrors(page);
  const graph = await loadGraph(page);
  const index = indexGraph(graph);
  const topic = topicInTheMiddle(graph);
  await openMap(page);
  await clickNode(page, topic.id);

  const side = panel(page);
  await expect(side.getByRole('heading', { level: 2 })).toHaveText(topic.title);
  await expect(side).toContainText(topic.description);
  await expect(side.getByRole('link', { name: `Open “${topic.title}”` })).toHaveAttribute('href', topic.url);
  for (const e of graph.edges.filter((x) => x.to === topic.id)) {
    await expect(side.getByRole('button', { name: new RegExp(`^${titleOf(graph, e.from)} \\(`) })).toBeVisible();
    await expect(side).toContainText(e.why);
  }
  for (const e of graph.edges.filter((x) => x.from === topic.id)) {
    await expect(side.getByRole('button', { name: new RegExp(`^${titleOf(graph, e.to)} \\(`) })).toBeVisible();
  }
  await expect(page).toHaveURL(new RegExp(`/map/\\?focus=${topic.id}$`));

  const state = await inspect(page);
  expect(state.ancestors.sort()).toEqual([...ancestors(index, topic.id)].sort());
  expect(state.descendants.sort()).toEqual([...descendants(index, topic.id)].sort());
  expect(state.dimmed).toHaveLength(graph.nodes.length - 1 - state.ancestors.length - state.descendants.length);
  expect(errors).toEqual([]);
});

test('focusing a prerequisite in the panel shows why on its edge', async ({ page }) => {
  const graph = await loadGraph(page);
  const topic = topicInTheMiddle(graph);
  const edge = graph.edges.find((e) => e.to === topic.id)!;
  await openMap(page, `?focus=${topic.id}`);
  await panel(page).getByRole('button', { name: new RegExp(`^${titleOf(graph, edge.from)} \\(`) }).focus();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(`${titleOf(graph, edge.from)} → ${topic.title}`);
  await expect(tip).toContainText(edge.why);
});

test('level and category filters hide the rest, and survive a reload', async ({ page }) => {
  const graph = await loadGraph(page);
  await openMap(page);
  for (const level of ['Intermediate', 'Advanced', 'Expert']) await page.getByRole('checkbox', { name: level }).uncheck();
  await expect(page).toHaveURL(/\/map\/\?level=entry$/);
  const entry = graph.nodes.filter((n) => n.level === 'entry').map((n) => n.id);
  expect((await inspect(page)).visible.sort()).toEqual([...entry].sort());
  await expect(canvas(page)).toHaveAccessibleName(new RegExp(`${entry.length} of ${graph.nodes.length} topics`));

  await page.getByRole('checkbox', { name: 'Theory' }).uncheck();
  const shown = graph.nodes.filter((n) => n.level === 'entry' && n.category !== 'theory').map((n) => n.id);
  expect((await inspect(page)).visible.sort()).toEqual([...shown].sort());
  await expect(page).toHaveURL(/level=entry&category=/);

  await page.reload();
  await expect(map(page)).toHaveAttribute('data-state', 'ready');
  expect((await inspect(page)).visible.sort()).toEqual([...shown].sort());
  await expect(page.getByRole('checkbox', { name: 'Intermediate' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Entry' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Theory' })).not.toBeChecked();

  await page.getByRole('button', { name: 'Show all' }).click();
  expect((await inspect(page)).visible).toHaveLength(graph.nodes.length);
  await expect(page).toHaveURL(/\/map\/$/);
});

test('find locates a topic by alias and centres it', async ({ page }) => {
  const graph = await loadGraph(page);
  const order = studyOrder(indexGraph(graph));
  // A topic far from the middle of the map, found by one of its aliases.
  const topic = graph.nodes.find((n) => n.id === order[order.length - 1] && n.aliases.length > 0) ?? graph.nodes.find((n) => n.aliases.length > 0)!;
  await openMap(page);
  await page.getByRole('combobox', { name: 'Find a topic' }).fill(topic.aliases[0]!);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText(`Found ${topic.title}`);
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(topic.title);
  const at = await map(page).evaluate((el, id) => (el as AtlasMap).renderedPosition(id), topic.id);
  const box = (await canvas(page).boundingBox())!;
  expect(Math.abs(at!.x - box.width / 2)).toBeLessThan(2);
  expect(Math.abs(at!.y - box.height / 2)).toBeLessThan(2);

  await page.getByRole('combobox', { name: 'Find a topic' }).fill('no such topic anywhere');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').first()).toContainText('No topic matches');
});

test('the URL holds the view: it loads, back and forward restore it', async ({ page }) => {
  const graph = await loadGraph(page);
  const topic = topicInTheMiddle(graph);
  const next = graph.edges.find((e) => e.from === topic.id)!.to;
  await openMap(page, `?focus=${topic.id}&level=entry,intermediate,advanced,expert`);
  // All four levels is no filter: the address is rewritten to its short form.
  await expect(page).toHaveURL(new RegExp(`/map/\\?focus=${topic.id}$`));
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(topic.title);

  await panel(page).getByRole('button', { name: new RegExp(`^${titleOf(graph, next)} \\(`) }).click();
  await expect(page).toHaveURL(new RegExp(`focus=${next}$`));
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(titleOf(graph, next));

  await page.getByRole('checkbox', { name: 'Entry' }).uncheck();
  await expect(page).toHaveURL(new RegExp(`focus=${next}&level=intermediate,advanced,expert$`));

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`focus=${next}$`));
  await expect(page.getByRole('checkbox', { name: 'Entry' })).toBeChecked();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`focus=${topic.id}$`));
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(topic.title);
  expect((await inspect(page)).state.focus).toBe(topic.id);
  await page.goForward();
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(titleOf(graph, next));

  await page.reload();
  await expect(map(page)).toHaveAttribute('data-state', 'ready');
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(titleOf(graph, next));
});

test('a keyboard-only reader can find a topic, walk its edges and open it', async ({ page }) => {
  const graph = await loadGraph(page);
  const topic = topicInTheMiddle(graph);
  const index = indexGraph(graph);
  await openMap(page);

  // Tab to the find box, type, Enter.
  const find = page.getByRole('combobox', { name: 'Find a topic' });
  for (let i = 0; i < 60 && !(await find.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(find).toBeFocused();
  await page.keyboard.type(topic.title);
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(topic.title);

  // Tab on to the map, then walk: right to what it unlocks, left back to a prerequisite.
  for (let i = 0; i < 40 && !(await canvas(page).evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(canvas(page)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  const after = (await inspect(page)).state.focus!;
  expect(index.unlocksOf.get(topic.id)!.map((e) => e.to)).toContain(after);
  await expect(page.getByRole('status').first()).toContainText(titleOf(graph, after));
  await page.keyboard.press('ArrowLeft');
  const before = (await inspect(page)).state.focus!;
  expect(index.prerequisitesOf.get(after)!.map((e) => e.from)).toContain(before);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');

  // Enter opens the selected topic.
  const selected = (await inspect(page)).state.focus!;
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleOf(graph, selected));
});

test('the outline selects a topic on the map', async ({ page }) => {
  const graph = await loadGraph(page);
  const topic = topicInTheMiddle(graph);
  await openMap(page);
  await page.getByRole('button', { name: `Show on map: ${topic.title}` }).press('Enter');
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(topic.title);
  await expect(canvas(page)).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`focus=${topic.id}$`));
});

test('zoom buttons zoom, and fit shows the whole map again', async ({ page }) => {
  await openMap(page);
  const start = (await inspect(page)).zoom;
  await page.getByRole('button', { name: 'Zoom in' }).click();
  expect((await inspect(page)).zoom).toBeGreaterThan(start);
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  expect((await inspect(page)).zoom).toBeLessThan(start);
  await page.getByRole('button', { name: 'Fit' }).click();
  expect((await inspect(page)).zoom).toBeCloseTo(start, 5);
});

test('no axe violations on the map, with and without a selection', async ({ page }) => {
  const errors = watchForErrors(page);
  const graph = await loadGraph(page);
  await openMap(page);
  await expectNoAxeViolations(page);
  await openMap(page, `?focus=${topicInTheMiddle(graph).id}`);
  await expectNoAxeViolations(page);
  expect(errors).toEqual([]);
});

const graphChunk = /cytoscape|dagre/i;

test('a topic page draws its neighbourhood once scrolled to, and a node opens its topic', async ({ page }) => {
  const errors = watchForErrors(page);
  const graph = await loadGraph(page);
  const topic = topicInTheMiddle(graph);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(topic.url, { waitUntil: 'networkidle' });
  const figure = page.locator('atlas-neighbourhood');
  await expect(figure).toBeAttached();
  // Not in view yet: nothing heavy has been requested.
  if (!(await figure.evaluate((e) => e.getBoundingClientRect().top < innerHeight + 200))) {
    expect(requested.filter((u) => graphChunk.test(u))).toEqual([]);
  }
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-state', 'ready');
  expect(requested.filter((u) => graphChunk.test(u)).length).toBeGreaterThan(0);
  await expect(figure.getByRole('img')).toHaveAccessibleName(new RegExp(topic.title));
  await expect(figure.getByRole('link', { name: 'see it on the map of all topics' })).toHaveAttribute('href', `/map/?focus=${topic.id}`);

  const target = graph.edges.find((e) => e.from === topic.id)!.to;
  const at = await figure.evaluate(
    (el, id) => (el as HTMLElement & { renderedPosition(id: string): { x: number; y: number } | null }).renderedPosition(id),
    target,
  );
  const box = (await figure.locator('[data-canvas]').boundingBox())!;
  await page.mouse.click(box.x + at!.x, box.y + at!.y);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(titleOf(graph, target));
  expect(errors).toEqual([]);
});

test('a page without a graph requests neither cytoscape nor dagre', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto('/levels/entry/', { waitUntil: 'networkidle' });
  await page.mouse.wheel(0, 5000);
  await page.waitForTimeout(300);
  expect(requested.filter((u) => graphChunk.test(u))).toEqual([]);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the map page still lists every topic with its prerequisites', async ({ page }) => {
    const graph = await loadGraph(page);
    await page.goto('/map/');
    await expect(page.getByText('The interactive map needs JavaScript.')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Find a topic' })).toBeHidden();
    const outline = page.getByRole('region', { name: 'All topics in study order' });
    await expect(outline.locator('ol > li > a')).toHaveCount(graph.nodes.length);
    const topic = topicInTheMiddle(graph);
    const before = outline.getByRole('list', { name: `Before ${topic.title}` });
    for (const e of graph.edges.filter((x) => x.to === topic.id)) await expect(before).toContainText(e.why);
  });
});

test('a plan from the plan page is highlighted on the map, and marks show there', async ({ page }) => {
  const graph = await loadGraph(page);
  const { planPath } = await import('../../src/lib/plan/planner');
  const { serialiseProgress } = await import('../../src/lib/progress/serialise');
  const { STORAGE_KEY } = await import('../../src/lib/progress/storage');
  const known = 'convolution';
  const stored = serialiseProgress(new Map([[known, 'known' as const]]));
  await page.addInitScript(([key, value]) => localStorage.setItem(key!, value!), [STORAGE_KEY, stored]);
  const expected = planPath(graph, { goal: 'generative-networks', known: [known], prune: true });

  await openMap(page, '?plan=generative-networks');
  const side = panel(page);
  await expect(side.getByRole('heading', { level: 2 })).toHaveText(`Your path to ${titleOf(graph, 'generative-networks')}`);
  await expect(side.getByRole('listitem')).toHaveText(expected.steps.map((id) => titleOf(graph, id)));
  const view = await inspect(page);
  expect(view.dimmed).not.toContain('generative-networks');
  expect(view.dimmed.sort()).toEqual(graph.nodes.map((n) => n.id).filter((id) => !expected.steps.includes(id)).sort());
  const label = await map(page).evaluate((el, id) => (el as AtlasMap).labelOf(id), known);
  expect(label).toBe(`✓ ${titleOf(graph, known)}`);

  // Selecting a step shows that topic; clearing the selection returns to the plan.
  await side.getByRole('button', { name: titleOf(graph, expected.steps[0]!) }).click();
  await expect(side.getByRole('heading', { level: 2 })).toHaveText(titleOf(graph, expected.steps[0]!));
  await expect(page).toHaveURL(/plan=generative-networks/);
});

for (const width of [1280, 390]) {
  test(`nothing on the map page moves while it loads (${width} px wide)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.addInitScript(() => {
      (window as unknown as { __shift: number }).__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { __shift: number }).__shift += (e as PerformanceEntry & { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await openMap(page);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBeLessThan(0.01);
    // On a phone the filters start folded so the map starts higher up; on a desktop they are open.
    await expect(page.locator('[data-filters]')).toHaveJSProperty('open', width > 800);
  });
}

test('a filter in the address keeps the filters open on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 900 });
  await openMap(page, '?level=entry');
  await expect(page.locator('[data-filters]')).toHaveJSProperty('open', true);
});
