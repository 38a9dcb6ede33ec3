import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { LEVELS } from '../../src/lib/content/taxonomy';

// The guide's complete item list (and the topics only its text names), copied from the source guide.
interface RoadmapItem {
  id: string;
  title: string;
  level: string;
  category: string;
}
const root = join(import.meta.dirname, '../..');
const load = (file: string) => yaml.load(readFileSync(join(root, 'tests/roadmap', file), 'utf8')) as RoadmapItem[];
const items = [...load('items.yaml'), ...load('text-only.yaml')];

describe('every item of the guide has a topic page at its level', () => {
  it('the list is complete: 106 items and 3 text-only topics', () => {
    expect(items).toHaveLength(109);
  });

  for (const level of LEVELS) {
    it(`${level}`, () => {
      const missing = items
        .filter((item) => item.level === level)
        .filter((item) => !existsSync(join(root, 'content', level, `${item.id}.mdx`)))
        .map((item) => item.id);
      expect(missing).toEqual([]);
    });
  }

  it('each page keeps the category the guide gives it', () => {
    const moved = items.filter((item) => {
      const text = readFileSync(join(root, 'content', item.level, `${item.id}.mdx`), 'utf8');
      return !new RegExp(`^category: ${item.category.toLowerCase()}$`, 'm').test(text);
    });
    expect(moved.map((item) => item.id)).toEqual([]);
  });
});
