/** `npm run check:content`: validates every topic and the prerequisite graph, without building the site. */
import { checkContent } from '../src/lib/content/check';
import { formatProblems } from '../src/lib/content/problems';
import { readContentFiles } from './read-content';

const started = performance.now();
const result = checkContent(readContentFiles(process.argv[2] ?? 'content'));
const ms = (performance.now() - started).toFixed(0);
if (!result.ok) {
  console.error(formatProblems(result.problems));
  process.exit(1);
}
console.log(`content ok: ${result.graph.order.length} topics, ${result.graph.edges.length} prerequisite edges (${ms} ms)`);
