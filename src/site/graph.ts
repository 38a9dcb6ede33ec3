/** The site's prerequisite graph, built once per build from the Astro collection. */
import { getCollection } from 'astro:content';
import { ContentError, type Problem } from '../lib/content/problems';
import { validateFrontmatter } from '../lib/content/validate-frontmatter';
import { buildGraph } from '../lib/graph/build';
import type { Topic, TopicGraph } from '../lib/graph/types';

let graph: Promise<TopicGraph> | undefined;

async function load(): Promise<TopicGraph> {
  const problems: Problem[] = [];
  const topics: Topic[] = [];
  for (const entry of await getCollection('docs')) {
    const file = entry.filePath ?? entry.id;
    const checked = validateFrontmatter(file, entry.data);
    if (checked.ok) topics.push({ ...checked.value, id: entry.id, file });
    else problems.push(...checked.problems);
  }
  const built = buildGraph(topics);
  if (!built.ok) problems.push(...built.problems);
  if (problems.length > 0 || !built.ok) throw new ContentError(problems);
  return built.graph;
}

export function siteGraph(): Promise<TopicGraph> {
  graph ??= load();
  return graph;
}
