/** A topic's URL is its id: stable when a topic moves between levels or categories. */
export function topicPath(id: string): string {
  return `/${id}/`;
}

export function levelPath(level: string): string {
  return `/levels/${level}/`;
}

/** Route names a topic id must not take, so that no topic hides a site page. */
export const RESERVED_IDS = ['levels', 'map', 'plan', 'search', 'graph', 'pagefind', '_astro'] as const;
