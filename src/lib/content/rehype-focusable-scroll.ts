/**
 * Display maths and tables scroll sideways when they are wider than the page (phones), and a
 * scrollable region must be reachable by keyboard: this rehype plugin makes each of them focusable.
 */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function scrolls(node: HastNode): boolean {
  if (node.type !== 'element') return false;
  const className = node.properties?.['className'];
  return node.tagName === 'table' || (Array.isArray(className) && className.includes('katex-display'));
}

function visit(node: HastNode): void {
  if (scrolls(node)) node.properties = { ...node.properties, tabIndex: 0 };
  node.children?.forEach(visit);
}

export function rehypeFocusableScroll() {
  return (tree: HastNode) => visit(tree);
}
