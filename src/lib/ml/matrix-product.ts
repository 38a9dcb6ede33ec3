/**
 * The matrix product widget's maths: C = A·B on tfjs, the sum of products behind one cell, and
 * the n×n timing of the "your GPU" panel. Pure: tfjs arrives as an argument, no DOM.
 */
import type { Tf } from './backend';
import { toMatrix, type Matrix } from './compare';

export type { Matrix };

export function shapeOf(m: Matrix): [number, number] {
  return [m.length, m[0]?.length ?? 0];
}

/** Throws a readable error unless A (m×k) and B (k×n) can be multiplied. */
export function assertCompatible(a: Matrix, b: Matrix): void {
  const [m, k] = shapeOf(a);
  const [k2, n] = shapeOf(b);
  if (m === 0 || k === 0 || n === 0) throw new Error('matrices must not be empty');
  if (a.some((row) => row.length !== k) || b.some((row) => row.length !== n)) throw new Error('rows must have equal lengths');
  if (k !== k2) throw new Error(`A has ${k} columns but B has ${k2} rows`);
}

/** Plain-TypeScript reference: the triple loop, in float64. */
export function matmulReference(a: Matrix, b: Matrix): Matrix {
  assertCompatible(a, b);
  const [m, k] = shapeOf(a);
  const n = shapeOf(b)[1];
  const c: Matrix = [];
  for (let i = 0; i < m; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i]![t]! * b[t]![j]!;
      row.push(s);
    }
    c.push(row);
  }
  return c;
}

export interface ProductTerm {
  a: number;
  b: number;
  product: number;
}

/** Row i of A against column j of B, term by term: what the reader sees on hovering C[i][j]. */
export function productTerms(a: Matrix, b: Matrix, i: number, j: number): { terms: ProductTerm[]; sum: number } {
  const row = a[i] ?? [];
  const terms = row.map((x, t) => {
    const y = b[t]?.[j] ?? Number.NaN;
    return { a: x, b: y, product: x * y };
  });
  return { terms, sum: terms.reduce((s, t) => s + t.product, 0) };
}

/** C = A·B with `tf.matMul`, read back as rows. */
export async function matmulTf(tf: Tf, a: Matrix, b: Matrix): Promise<Matrix> {
  assertCompatible(a, b);
  const [m] = shapeOf(a);
  const n = shapeOf(b)[1];
  const c = tf.tidy(() => tf.matMul(tf.tensor2d(a), tf.tensor2d(b)));
  try {
    return toMatrix(await c.data(), m, n);
  } finally {
    c.dispose();
  }
}

export const MATMUL_SIZES = [128, 256, 512, 1024, 2048] as const;

/** Floating-point operations of an n×n by n×n product: n² outputs, each n multiplies and n adds. */
export function matmulFlops(n: number): number {
  return 2 * n * n * n;
}

export function gflopsPerSecond(n: number, milliseconds: number): number {
  return matmulFlops(n) / (milliseconds * 1e6);
}

export interface MatmulTiming {
  n: number;
  /** First product of this size on this backend: includes shader compilation and upload. */
  firstCallMs: number;
  /** Median of the timed products after warm-up. */
  medianMs: number;
  gflops: number;
  reps: number;
}

export interface TimingOptions {
  /** Keep timing until this much time has passed (after at least `minReps`). */
  budgetMs?: number;
  minReps?: number;
  maxReps?: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  now?: () => number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times an n×n product on tfjs's current backend. Each product is followed by reading back one
 * number of it (its sum), so the time includes the GPU finishing, not just queueing. The first
 * call (compile + first run) is reported apart from the steady state.
 */
export async function timeMatmul(tf: Tf, n: number, options: TimingOptions = {}): Promise<MatmulTiming> {
  const { budgetMs = 1500, minReps = 2, maxReps = 10, signal, onProgress } = options;
  const now = options.now ?? (() => performance.now());
  const a = tf.randomUniform([n, n], -1, 1, 'float32', 1);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', 2);
  const once = async (): Promise<void> => {
    const s = tf.tidy(() => tf.sum(tf.matMul(a, b)));
    try {
      await s.data();
    } finally {
      s.dispose();
    }
  };
  try {
    // Make sure the inputs exist on the device before the clock starts.
    const warm = tf.tidy(() => tf.add(tf.sum(a), tf.sum(b)));
    await warm.data();
    warm.dispose();
    onProgress?.(`n = ${n}: first call (compiles the kernel)…`);
    let t0 = now();
    await once();
    const firstCallMs = now() - t0;
    onProgress?.(`n = ${n}: warm-up…`);
    await once();
    const times: number[] = [];
    const started = now();
    while (times.length < maxReps && (times.length < minReps || now() - started < budgetMs)) {
      if (signal?.aborted) throw new DOMException('Timing stopped', 'AbortError');
      onProgress?.(`n = ${n}: timed run ${times.length + 1}…`);
      t0 = now();
      await once();
      times.push(now() - t0);
    }
    const medianMs = median(times);
    return { n, firstCallMs, medianMs, gflops: gflopsPerSecond(n, medianMs), reps: times.length };
  } finally {
    a.dispose();
    b.dispose();
  }
}
