/** Starlight route middleware: topic pages get previous/next within their level and the extra sections in the table of contents. */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { topicPath } from '../lib/content/urls';
import { levelSequence } from '../lib/graph/groups';
import { siteGraph } from './graph';

export const onRequest = defineRouteMiddleware(async (context) => {
  const route = context.locals.starlightRoute;
  const graph = await siteGraph();
  const topic = graph.topics.get(route.entry.id);
  if (!topic) return;

  // Previous/next follow the sidebar's order, but stay within the topic's level.
  const sameLevel = levelSequence(graph, topic.level);
  const at = sameLevel.indexOf(topic.id);
  const link = (id: string | undefined) =>
    id === undefined
      ? undefined
      : { href: topicPath(id), label: graph.topics.get(id)!.title, isCurrent: false, type: 'link' as const, badge: undefined, attrs: {} };
  route.pagination = { prev: link(sameLevel[at - 1]), next: link(sameLevel[at + 1]) };

  if (route.toc) {
    const item = (slug: string, text: string) => ({ depth: 2, slug, text, children: [] });
    const [overview, ...rest] = route.toc.items;
    const before = (graph.prerequisitesOf.get(topic.id) ?? []).length > 0 ? [item('before-this', 'Before this')] : [];
    const unlocks = (graph.unlocksOf.get(topic.id) ?? []).length > 0 ? [item('this-unlocks', 'This unlocks')] : [];
    route.toc.items = [
      ...(overview ? [overview] : []),
      ...before,
      ...rest,
      ...unlocks,
      item('resources', 'Resources'),
    ];
  }
});
