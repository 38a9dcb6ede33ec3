/**
 * Display maths scrolls sideways when it is wider than the page (phones), and a scrollable region
 * must be reachable by keyboard: this rehype plugin makes each KaTeX display block focusable.
 */
interface HastNode {
  type: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function isDisplayMath(node: HastNode): boolean {
  const className = node.properties?.['className'];
  return node.type === 'element' && Array.isArray(className) && className.includes('katex-display');
}

function visit(node: HastNode): void {
  if (isDisplayMath(node)) node.properties = { ...node.properties, tabIndex: 0 };
  node.children?.forEach(visit);
}

export function rehypeFocusableMath() {
  return (tree: HastNode) => visit(tree);
}
