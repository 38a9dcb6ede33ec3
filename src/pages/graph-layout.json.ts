import type { APIRoute } from 'astro';
import { topicPath } from '../lib/content/urls';
import { toGraphJson } from '../lib/graph/json';
import { siteLayout } from '../lib/graph/site-layout';
import { siteGraph } from '../site/graph';

/** Where the map draws each topic, laid out at build time (see site-layout.ts). */
export const GET: APIRoute = async () => new Response(JSON.stringify(siteLayout(toGraphJson(await siteGraph(), topicPath))));
