import { z } from 'zod';
import { CATEGORIES, LEVELS, RESOURCE_KINDS } from './taxonomy';

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A topic id is its file name: lower-case words joined by hyphens. */
export const topicIdSchema = z
  .string()
  .regex(ID_PATTERN, 'must be lower-case words joined by hyphens, e.g. "matrix-operations"');

/** True when the text reads as one sentence: ends with a full stop and has no sentence break inside. */
export function isOneSentence(text: string): boolean {
  const t = text.trim();
  return /[.!?]$/.test(t) && !/[.!?]\s+[A-Z]/.test(t.slice(0, -1));
}

const sentence = (max: number) =>
  z
    .string()
    .trim()
    .min(10, 'is too short: write one full sentence')
    .max(max, `must be at most ${max} characters`)
    .refine(isOneSentence, 'must be exactly one sentence ending with a full stop');

/** One edge of the graph: "learn `id` first, because this page uses …". */
export const prerequisiteSchema = z
  .object({
    /** The id (file name) of the topic to learn first. */
    id: topicIdSchema,
    /** One sentence saying what this topic uses from the prerequisite. */
    why: sentence(240),
  })
  .strict();

export const resourceSchema = z
  .object({
    title: z.string().trim().min(2),
    /** An absolute http(s) address. */
    url: z
      .string()
      .url('must be an absolute URL')
      .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://'),
    kind: z.enum(RESOURCE_KINDS),
    /** Whether a learner can read or watch it without paying. */
    free: z.boolean(),
  })
  .strict();

/** The fields a topic adds to Starlight's own frontmatter. */
export const topicFieldsSchema = z.object({
  /** One sentence, at most 200 characters: shown under the title, in search and on the map. */
  description: sentence(200),
  level: z.enum(LEVELS),
  category: z.enum(CATEGORIES),
  prerequisites: z.array(prerequisiteSchema).default([]),
  resources: z.array(resourceSchema).min(1, 'needs at least one resource'),
  /** Estimated study hours for a learner who knows the prerequisites. */
  hours: z.number().positive('must be a positive number of hours').max(500),
  /** Other names readers type into search ("chain rule" for backpropagation). */
  aliases: z.array(z.string().trim().min(1)).default([]),
});

/** The whole frontmatter as checked outside Astro: Starlight's title plus the topic fields. */
export const topicFrontmatterSchema = topicFieldsSchema.extend({
  title: z.string().trim().min(1, 'must not be empty'),
});

export type TopicFields = z.infer<typeof topicFieldsSchema>;
export type TopicFrontmatter = z.infer<typeof topicFrontmatterSchema>;
export type Prerequisite = z.infer<typeof prerequisiteSchema>;
export type Resource = z.infer<typeof resourceSchema>;
