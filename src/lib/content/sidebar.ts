import type { TopicGraph } from '../graph/types';
import { topicsByCategory } from '../graph/groups';
import { CATEGORY_LABELS, LEVELS, LEVEL_LABELS } from './taxonomy';

/** Starlight's sidebar item shapes, as far as this site uses them. */
type SidebarLink = { label: string; link: string };
type SidebarGroup = { label: string; collapsed?: boolean; items: (SidebarLink | SidebarGroup)[] };

/** The sidebar: the overview pages, then each level with its categories and topics in study order. */
export function buildSidebar(graph: TopicGraph, urlOf: (id: string) => string): (SidebarLink | SidebarGroup)[] {
  return [
    { label: 'Overview', link: '/' },
    { label: 'Map of all topics', link: '/map/' },
    ...LEVELS.map((level) => ({
      label: `${LEVEL_LABELS[level]} level`,
      collapsed: true,
      items: [
        { label: `About the ${LEVEL_LABELS[level].toLowerCase()} level`, link: `/levels/${level}/` },
        ...topicsByCategory(graph, level).map(({ category, ids }) => ({
          label: CATEGORY_LABELS[category],
          collapsed: true,
          items: ids.map((id) => ({ label: graph.topics.get(id)!.title, link: urlOf(id) })),
        })),
      ],
    })),
  ];
}
