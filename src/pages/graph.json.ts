import type { APIRoute } from 'astro';
import { topicPath } from '../lib/content/urls';
import { toGraphJson } from '../lib/graph/json';
import { siteGraph } from '../site/graph';

/** The prerequisite graph as one JSON file for the map and the planner. */
export const GET: APIRoute = async () => new Response(JSON.stringify(toGraphJson(await siteGraph(), topicPath)));
