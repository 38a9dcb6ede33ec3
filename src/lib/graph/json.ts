import type { Category, Level } from '../content/taxonomy';
import type { TopicGraph } from './types';

/** The graph as the browser fetches it: facts only, no layout. */
export interface GraphJson {
  nodes: {
    id: string;
    title: string;
    url: string;
    level: Level;
    category: Category;
    description: string;
    hours: number;
    aliases: string[];
  }[];
  edges: { from: string; to: string; why: string }[];
}

export function toGraphJson(graph: TopicGraph, urlOf: (id: string) => string): GraphJson {
  return {
    nodes: graph.order.map((id) => {
      const t = graph.topics.get(id)!;
      return {
        id,
        title: t.title,
        url: urlOf(id),
        level: t.level,
        category: t.category,
        description: t.description,
        hours: t.hours,
        aliases: t.aliases,
      };
    }),
    edges: graph.edges.map(({ from, to, why }) => ({ from, to, why })),
  };
}
