/** The prose of an MDX body, without frontmatter, code, maths or markup: what the content guide counts. */
export function proseOf(mdx: string): string {
  return mdx
    .replace(/^---[\s\S]*?\n---\n/, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]*\$/g, ' ')
    .replace(/<[^>]+>/g, ' ');
}

export function proseWordCount(mdx: string): number {
  return proseOf(mdx)
    .split(/\s+/)
    .filter((word) => /[A-Za-z]/.test(word)).length;
}
