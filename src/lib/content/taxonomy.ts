/** The guide's four levels, in learning order. */
export const LEVELS = ['entry', 'intermediate', 'advanced', 'expert'] as const;
export type Level = (typeof LEVELS)[number];

/** The guide's categories, in the order the guide lists them. */
export const CATEGORIES = [
  'data handling',
  'classic machine learning',
  'networks',
  'custom projects',
  'training',
  'theory',
  'general',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const RESOURCE_KINDS = ['paper', 'course', 'book', 'docs', 'video', 'article', 'tool'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export const LEVEL_LABELS: Record<Level, string> = {
  entry: 'Entry',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
  expert: 'Expert',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  'data handling': 'Data handling',
  'classic machine learning': 'Classic machine learning',
  networks: 'Networks',
  'custom projects': 'Custom projects',
  training: 'Training',
  theory: 'Theory',
  general: 'General',
};

export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  paper: 'Papers',
  course: 'Courses',
  book: 'Books',
  docs: 'Documentation',
  video: 'Videos',
  article: 'Articles',
  tool: 'Tools',
};
