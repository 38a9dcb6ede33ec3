/**
 * Progress and plans in a URL: `/plan/?goal=<id>&known=a,b&learning=c&prune=0`. Topic ids are
 * lower-case words and hyphens, so they need no escaping and a comma separates them.
 */
import { isTopicIdShape, type Mark, type Progress } from './model';
import type { Notice } from './serialise';

export const PLAN_PATH = '/plan/';

export interface PlanQuery {
  /** The goal's id, if the URL names one. */
  goal: string | null;
  /** False only when the URL says `prune=0`. */
  prune: boolean;
  /** Marks carried by the link; null when it carries none (the reader's own marks apply). */
  shared: Progress | null;
  /** Problems with the link's marks (malformed or unknown ids). */
  notices: Notice[];
}

/** Reads the query string of a plan (or map) URL; never throws. */
export function readPlanQuery(search: string, validIds?: ReadonlySet<string>): PlanQuery {
  const params = new URLSearchParams(search);
  const goal = params.get('goal')?.trim() || null;
  const prune = params.get('prune') !== '0';
  const notices: Notice[] = [];
  let shared: Map<string, Mark> | null = null;
  const bad: string[] = [];
  const unknown: string[] = [];
  for (const mark of ['learning', 'known'] as const) {
    const value = params.get(mark);
    if (value === null) continue;
    shared ??= new Map();
    for (const raw of value.split(',')) {
      const id = raw.trim();
      if (id === '') continue;
      if (!isTopicIdShape(id)) bad.push(id);
      else if (validIds && !validIds.has(id)) unknown.push(id);
      else shared.set(id, mark); // "known" is read last, so it wins over "learning"
    }
  }
  if (bad.length > 0) notices.push({ code: 'bad-id', ids: bad, message: `The link has ${bad.length === 1 ? 'an entry that is' : `${bad.length} entries that are`} not a topic id, ignored: ${quote(bad)}.` });
  if (unknown.length > 0) notices.push({ code: 'unknown-id', ids: unknown, message: `The link names ${unknown.length === 1 ? 'a topic' : `${unknown.length} topics`} this Atlas does not have, ignored: ${quote(unknown)}.` });
  return { goal, prune, shared, notices };
}

export interface PlanLink {
  goal?: string | null;
  prune?: boolean;
  /** Marks to carry in the link; leave out to link to the reader's own marks. */
  marks?: Progress;
}

/** The path and query of a plan page (relative: prefix the origin for a full link). */
export function planHref({ goal, prune = true, marks }: PlanLink): string {
  const parts: string[] = [];
  if (goal) parts.push(`goal=${encodeURIComponent(goal)}`);
  if (!prune) parts.push('prune=0');
  if (marks) {
    const known: string[] = [];
    const learning: string[] = [];
    for (const [id, mark] of marks) (mark === 'known' ? known : learning).push(id);
    // An empty `known=` still says "these marks, not the reader's own".
    parts.push(`known=${known.join(',')}`);
    if (learning.length > 0) parts.push(`learning=${learning.join(',')}`);
  }
  return parts.length > 0 ? `${PLAN_PATH}?${parts.join('&')}` : PLAN_PATH;
}

function quote(ids: readonly string[]): string {
  const shown = ids.slice(0, 8).map((id) => `"${id.length > 40 ? `${id.slice(0, 37)}…` : id}"`);
  return ids.length > shown.length ? `${shown.join(', ')} and ${ids.length - shown.length} more` : shown.join(', ');
}
