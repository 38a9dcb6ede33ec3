import { CATEGORIES, type Category, type Level } from '../content/taxonomy';
import type { TopicGraph } from './types';

/** The topics of one level, by category in the guide's order, each list in study order. */
export function topicsByCategory(graph: TopicGraph, level: Level): { category: Category; ids: string[] }[] {
  return CATEGORIES.map((category) => ({
    category,
    ids: graph.order.filter((id) => {
      const t = graph.topics.get(id)!;
      return t.level === level && t.category === category;
    }),
  })).filter((group) => group.ids.length > 0);
}

/** The reading sequence of a level, as the sidebar shows it: previous/next move along it. */
export function levelSequence(graph: TopicGraph, level: Level): string[] {
  return topicsByCategory(graph, level).flatMap((group) => group.ids);
}
