import type { TopicFrontmatter } from '../content/schema';

/** A validated topic: its frontmatter plus where it came from. */
export interface Topic extends TopicFrontmatter {
  /** The file name without extension; unique across the site. */
  id: string;
  /** Path of the source file relative to the project, for messages. */
  file: string;
}

/** "Learn `from` before `to`, because `why`." */
export interface Edge {
  from: string;
  to: string;
  why: string;
}

export interface TopicGraph {
  /** Topics keyed by id, inserted in topological order. */
  topics: ReadonlyMap<string, Topic>;
  edges: readonly Edge[];
  /** Every id, each after all of its prerequisites. */
  order: readonly string[];
  /** Length of the longest prerequisite chain below each topic (0 for a topic with none). */
  depth: ReadonlyMap<string, number>;
  /** Edges into a topic: what to learn first. */
  prerequisitesOf: ReadonlyMap<string, readonly Edge[]>;
  /** Edges out of a topic: what it unlocks. */
  unlocksOf: ReadonlyMap<string, readonly Edge[]>;
}
