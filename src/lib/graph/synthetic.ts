import { CATEGORIES, LEVELS } from '../content/taxonomy';
import type { GraphJson } from './json';
import type { Topic } from './types';

/**
 * A layered random prerequisite graph shaped like the real one, for benchmarks: four levels in
 * order, each topic needing one to four earlier topics of the same or a lower level (one of them
 * close by, so chains run deep). Seeded, so runs compare.
 */
export function syntheticTopics(count: number, seed = 7): Topic[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const topics: Topic[] = [];
  for (let i = 0; i < count; i++) {
    const id = `topic-${i}`;
    const level = LEVELS[Math.floor((i * LEVELS.length) / count)]!;
    const before = new Set<number>();
    if (i > 0) {
      before.add(Math.max(0, i - 1 - Math.floor(random() * 20)));
      const more = Math.floor(random() * 4);
      for (let k = 0; k < more; k++) before.add(Math.floor(random() * i));
    }
    topics.push({
      id,
      file: `content/${level}/${id}.mdx`,
      title: `Synthetic topic ${i}`,
      description: `A generated topic number ${i} for measuring the site at scale.`,
      level,
      category: CATEGORIES[i % CATEGORIES.length]!,
      hours: 1 + Math.floor(random() * 12),
      aliases: [],
      prerequisites: [...before].map((b) => ({ id: `topic-${b}`, why: `Builds on generated topic number ${b}.` })),
      resources: [{ title: 'Dive into Deep Learning', url: 'https://d2l.ai/', kind: 'book', free: true }],
    });
  }
  return topics;
}

/** The MDX file of a synthetic topic, with a body of about 300 words so pages have realistic weight. */
export function syntheticMdx(topic: Topic): string {
  const yamlList = topic.prerequisites.map((p) => `  - id: ${p.id}\n    why: ${p.why}`).join('\n');
  const paragraph = `This generated paragraph stands in for the prose of ${topic.title}, so that the build renders, indexes and measures pages of a realistic length. It mentions matrices, gradients, layers and datasets the way a real page would.`;
  return `---
title: ${topic.title}
description: ${topic.description}
level: ${topic.level}
category: ${topic.category}
hours: ${topic.hours}
prerequisites:${topic.prerequisites.length ? `\n${yamlList}` : ' []'}
resources:
  - title: Dive into Deep Learning
    url: https://d2l.ai/
    kind: book
    free: true
---

## What it is

${Array.from({ length: 4 }, () => paragraph).join('\n\n')}

## Key ideas

$$
y = \\sigma(Wx + b)
$$

${Array.from({ length: 3 }, () => paragraph).join('\n\n')}
`;
}

/** The same synthetic topics as the browser would fetch them (graph.json's shape). */
export function syntheticGraphJson(count: number, seed = 7): GraphJson {
  const topics = syntheticTopics(count, seed);
  return {
    nodes: topics.map(({ id, title, level, category, description, hours, aliases }) => ({
      id,
      title,
      url: `/${id}/`,
      level,
      category,
      description,
      hours,
      aliases,
    })),
    edges: topics.flatMap((t) => t.prerequisites.map((p) => ({ from: p.id, to: t.id, why: p.why }))),
  };
}
