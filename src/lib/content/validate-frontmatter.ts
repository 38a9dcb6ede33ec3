import type { ZodIssue } from 'zod';
import type { Problem } from './problems';
import { topicFrontmatterSchema, type TopicFrontmatter } from './schema';

function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function fixFor(issue: ZodIssue, field: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? `add "${field}" (${issue.expected}) to the frontmatter`
        : `make "${field}" a ${issue.expected}, not a ${issue.received}`;
    case 'invalid_enum_value':
      return `use one of: ${issue.options.join(', ')}`;
    case 'unrecognized_keys':
      return `remove or rename ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return `edit "${field}": it ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
  }
}

/** Checks one topic's frontmatter against the schema and turns zod issues into friendly problems. */
export function validateFrontmatter(
  file: string,
  data: unknown,
): { ok: true; value: TopicFrontmatter } | { ok: false; problems: Problem[] } {
  const result = topicFrontmatterSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const field = fieldName(issue.path) || '(frontmatter)';
      const message = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is missing' : issue.message;
      return { file, field, message, fix: fixFor(issue, field) };
    }),
  };
}
