import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { GraphJson } from '../../src/lib/graph/json';

export async function loadGraph(page: Page): Promise<GraphJson> {
  const response = await page.request.get('/graph.json');
  expect(response.ok()).toBe(true);
  return (await response.json()) as GraphJson;
}

/** A topic with at least one prerequisite and one topic it unlocks. */
export function topicInTheMiddle(graph: GraphJson) {
  const node = graph.nodes.find(
    (n) => graph.edges.some((e) => e.to === n.id) && graph.edges.some((e) => e.from === n.id),
  );
  if (!node) throw new Error('no topic has both prerequisites and unlocks');
  return node;
}

/** Collects console errors and failed requests for the life of the page. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary).toEqual([]);
}
