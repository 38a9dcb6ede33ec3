import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { topicFieldsSchema } from './lib/content/schema';
import { topicIdFromPath } from './lib/content/check';

export const collections = {
  // Every topic lives in content/<level>/<id>.mdx; its id (and URL) is the file name alone.
  docs: defineCollection({
    loader: glob({
      base: './content',
      pattern: '**/*.mdx',
      generateId: ({ entry }) => topicIdFromPath(entry),
    }),
    // Partial here because Starlight checks the frontmatter of custom pages (home, levels) with the
    // same schema; topics are held to the full schema by src/site/graph.ts and `npm run check:content`.
    schema: docsSchema({ extend: topicFieldsSchema.partial() }),
  }),
};
