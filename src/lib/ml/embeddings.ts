/**
 * Word embeddings in two dimensions, trained on a toy corpus as skip-gram with a full softmax:
 * every pair of words that share a sentence pulls the word's vector w_i towards the context vector
 * c_j, weighted by how often the pair occurs. tfjs trains the vectors with Adam; the
 * plain-TypeScript side is the loss, its gradient worked out by hand, and the same Adam. A word's
 * embedding is its vector w. Pure: tfjs arrives as an argument, no DOM.
 */
import type { Scalar, Variable } from '@tensorflow/tfjs-core';
import type { Tensor, Tf } from './backend';
import { BETA2, EPSILON, ReferenceOptimizer, disposeOptimizer, runSteps } from './optimizers';
import { mulberry32, normal } from './random';

export const GROUPS: Record<string, string[]> = {
  animals: ['cat', 'dog', 'horse', 'cow', 'farm', 'fur'],
  fruit: ['apple', 'pear', 'banana', 'cherry', 'sweet', 'eat'],
  vehicles: ['car', 'bus', 'truck', 'bike', 'road', 'drive'],
  weather: ['rain', 'snow', 'wind', 'sun', 'sky', 'cold'],
};
export const GROUP_NAMES = Object.keys(GROUPS);

/** The toy corpus: each sentence mostly from one group, a few that mix groups. */
export const CORPUS: string[] = [
  'the cat and the dog sleep on the farm',
  'a horse and a cow graze on the farm',
  'the dog has soft fur like the cat',
  'the cow and the horse have short fur',
  'the cat chases the dog around the farm',
  'we eat a sweet apple and a pear',
  'the banana and the cherry are sweet',
  'eat a cherry or a banana or an apple',
  'the pear is sweet and we eat it',
  'apple and pear trees grow near cherry trees',
  'we drive the car and the bus on the road',
  'a truck and a bike share the road',
  'drive the truck or ride the bike',
  'the bus passes the car on the road',
  'a bike is slower than a car or a truck',
  'rain and snow fall from the cold sky',
  'the wind is cold and the sky is grey',
  'the sun breaks through after the rain',
  'snow and wind make a cold day',
  'the sun and the sky after the snow',
  'the dog runs after the bike on the road',
  'the horse eats an apple in the rain',
  'the cow stands in the cold wind',
  'the bus drives through the snow',
];

export const VOCAB: string[] = GROUP_NAMES.flatMap((g) => GROUPS[g]!);
export const GROUP_OF: Record<string, string> = Object.fromEntries(GROUP_NAMES.flatMap((g) => GROUPS[g]!.map((w) => [w, g])));

/** Symmetric co-occurrence counts: two vocabulary words in the same sentence count once. */
export function cooccurrence(corpus: readonly string[] = CORPUS, vocab: readonly string[] = VOCAB): number[][] {
  const index = new Map(vocab.map((w, i) => [w, i]));
  const v = vocab.length;
  const x = Array.from({ length: v }, () => new Array<number>(v).fill(0));
  for (const sentence of corpus) {
    const ids = sentence
      .split(/\s+/)
      .map((w) => index.get(w.replace(/s$/, '')) ?? index.get(w))
      .filter((i): i is number => i !== undefined);
    for (let a = 0; a < ids.length; a++)
      for (let b = 0; b < ids.length; b++) if (a !== b && ids[a] !== ids[b]) x[ids[a]!]![ids[b]!]! += 1;
  }
  return x;
}

export const DIM = 2;

export interface EmbeddingParams {
  /** V×2 word vectors (the embeddings) and context vectors, row-major, and context biases. */
  w: number[];
  c: number[];
  bt: number[];
}

export function initEmbeddings(v: number, seed: number): EmbeddingParams {
  const rng = mulberry32(seed);
  const r = () => 0.5 * normal(rng);
  return {
    w: Array.from({ length: v * DIM }, r),
    c: Array.from({ length: v * DIM }, r),
    bt: new Array<number>(v).fill(0),
  };
}

/**
 * The training target as a V×V matrix T with T_ij = X_ij / ΣX: the loss is the cross-entropy
 * −Σ_ij T_ij log softmax_j(w_i·c_j + b̃_j), i.e. skip-gram with a full softmax, every pair weighted
 * by how often it occurs.
 */
export function targets(x: readonly (readonly number[])[]): number[] {
  const total = x.reduce((s, row) => s + row.reduce((t, n) => t + n, 0), 0);
  return x.flatMap((row) => row.map((n) => n / total));
}

/** The loss and its gradient in float64, worked out by hand: ∂L/∂logit_ij = r_i·p_ij − T_ij. */
export function embeddingGradReference(p: EmbeddingParams, x: readonly (readonly number[])[]): { loss: number; grad: EmbeddingParams } {
  const v = x.length;
  const t = targets(x);
  const g: EmbeddingParams = { w: p.w.map(() => 0), c: p.c.map(() => 0), bt: p.bt.map(() => 0) };
  let loss = 0;
  for (let i = 0; i < v; i++) {
    const logits = Array.from({ length: v }, (_, j) => {
      let dot = p.bt[j]!;
      for (let d = 0; d < DIM; d++) dot += p.w[i * DIM + d]! * p.c[j * DIM + d]!;
      return dot;
    });
    const max = Math.max(...logits);
    const z = logits.reduce((s, l) => s + Math.exp(l - max), 0);
    const logZ = max + Math.log(z);
    const r = t.slice(i * v, i * v + v).reduce((s, n) => s + n, 0);
    for (let j = 0; j < v; j++) {
      const tij = t[i * v + j]!;
      loss -= tij * (logits[j]! - logZ);
      const dl = r * Math.exp(logits[j]! - logZ) - tij;
      for (let d = 0; d < DIM; d++) {
        g.w[i * DIM + d]! += dl * p.c[j * DIM + d]!;
        g.c[j * DIM + d]! += dl * p.w[i * DIM + d]!;
      }
      g.bt[j]! += dl;
    }
  }
  return { loss, grad: g };
}

/** All parameters in one list (w, then c, then the biases), the order the optimizer sees. */
export const flattenEmbeddings = (p: EmbeddingParams) => [...p.w, ...p.c, ...p.bt];

function unflat(v: number, values: readonly number[]): EmbeddingParams {
  const n = v * DIM;
  return { w: values.slice(0, n), c: values.slice(n, 2 * n), bt: values.slice(2 * n, 2 * n + v) };
}

export const LEARNING_RATE = 0.05;
export const BETA1 = 0.9;

/** Full-batch Adam in float64: the loss before each step and the final parameters. */
export function trainEmbeddingsReference(start: EmbeddingParams, x: readonly (readonly number[])[], steps: number): { losses: number[]; params: EmbeddingParams } {
  const opt = new ReferenceOptimizer('adam', LEARNING_RATE, BETA1);
  let values = flattenEmbeddings(start);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { loss, grad } = embeddingGradReference(unflat(x.length, values), x);
    losses.push(loss);
    values = opt.step(values, flattenEmbeddings(grad));
  }
  return { losses, params: unflat(x.length, values) };
}

/** The embedding of each word: its input vector w. */
export function wordVectors(p: EmbeddingParams): [number, number][] {
  return Array.from({ length: p.bt.length }, (_, i) => [p.w[2 * i]!, p.w[2 * i + 1]!]);
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  const dot = a.reduce((s, v, i) => s + v * b[i]!, 0);
  const na = Math.hypot(...a);
  const nb = Math.hypot(...b);
  return na && nb ? dot / (na * nb) : 0;
}

/** The k words most similar to word i by cosine similarity of their embeddings. */
export function nearestNeighbours(vectors: readonly (readonly number[])[], i: number, k = 3): { index: number; similarity: number }[] {
  return vectors
    .map((v, j) => ({ index: j, similarity: cosine(vectors[i]!, v) }))
    .filter((n) => n.index !== i)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}

/** Share of words whose nearest neighbour is in their own group. */
export function groupPurity(vectors: readonly (readonly number[])[], vocab: readonly string[] = VOCAB): number {
  let hits = 0;
  vectors.forEach((_, i) => {
    const nn = nearestNeighbours(vectors, i, 1)[0];
    if (nn && GROUP_OF[vocab[nn.index]!] === GROUP_OF[vocab[i]!]) hits++;
  });
  return hits / vectors.length;
}

/** The model on tfjs: three variables, full-batch Adam from tf.train. */
export class TfEmbeddings {
  private readonly vars: Variable[];
  private readonly target: Tensor;
  private readonly optimizer;
  stepsDone = 0;

  constructor(
    private readonly tf: Tf,
    x: readonly (readonly number[])[],
    start: EmbeddingParams,
  ) {
    const v = x.length;
    const t = targets(x);
    this.target = tf.tensor2d(t, [v, v]);
    this.vars = tf.tidy(() => [
      tf.variable(tf.tensor2d(start.w, [v, DIM])),
      tf.variable(tf.tensor2d(start.c, [v, DIM])),
      tf.variable(tf.tensor2d(start.bt, [1, v])),
    ]);
    this.optimizer = tf.train.adam(LEARNING_RATE, BETA1, BETA2, EPSILON);
  }

  private loss(): Scalar {
    const { tf } = this;
    const [w, c, bt] = this.vars as [Variable, Variable, Variable];
    const logp = tf.logSoftmax(tf.add(tf.matMul(w, c, false, true), bt));
    return tf.neg(tf.sum(tf.mul(this.target, logp))) as Scalar;
  }

  /** k Adam steps; the loss before each. */
  steps(k: number): Promise<number[]> {
    return runSteps(this.tf, k, () => {
      this.stepsDone++;
      return this.optimizer.minimize(() => this.loss(), true, this.vars);
    });
  }

  async params(): Promise<EmbeddingParams> {
    const [w, c, bt] = await Promise.all(this.vars.map((v) => v.data()));
    return { w: Array.from(w!), c: Array.from(c!), bt: Array.from(bt!) };
  }

  dispose(): void {
    disposeOptimizer(this.optimizer);
    this.tf.dispose([...this.vars, this.target]);
  }
}

