// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { checkContent } from './src/lib/content/check.ts';
import { ContentError } from './src/lib/content/problems.ts';
import { buildSidebar } from './src/lib/content/sidebar.ts';
import { topicPath } from './src/lib/content/urls.ts';
import { rehypeFocusableScroll } from './src/lib/content/rehype-focusable-scroll.ts';
import { readContentFiles } from './scripts/read-content.ts';

// The sidebar lists every topic, so the graph is validated before Astro starts.
const content = checkContent(readContentFiles());
if (!content.ok) throw new ContentError(content.problems);

export default defineConfig({
  site: 'https://deep-learning-atlas.example',
  trailingSlash: 'always',
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [rehypeKatex, rehypeFocusableScroll],
    // Plain Shiki output is valid HTML and needs no JavaScript; theme.css switches it between light and dark.
    // The high-contrast GitHub themes pass WCAG AA contrast for every token, comments included.
    shikiConfig: { themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' }, defaultColor: false },
  },
  integrations: [
    starlight({
      title: 'Deep Learning Atlas',
      description:
        'A map of the field of deep learning, from a first regression to trillion-parameter training: a guide, a prerequisite graph, search and live demos.',
      favicon: '/favicon.svg',
      customCss: ['katex/dist/katex.min.css', './src/styles/theme.css'],
      sidebar: buildSidebar(content.graph, topicPath),
      routeMiddleware: './src/site/route-middleware.ts',
      components: {
        PageTitle: './src/components/TopicTitle.astro',
        MarkdownContent: './src/components/TopicContent.astro',
        Pagination: './src/components/TopicPagination.astro',
        Search: './src/components/search/SiteSearch.astro',
      },
      // Expressive Code nests <div>s inside <code>, which is invalid HTML.
      expressiveCode: false,
      lastUpdated: false,
      pagination: true,
    }),
  ],
});
