/**
 * A small fully connected classifier for the training widgets: toy 2-D datasets, seeded weights
 * and batches, the network on tfjs trained by a tfjs optimizer, and a float64 reference with its
 * backward pass worked out by hand. The loss is the mean binary cross-entropy of the logits plus
 * λ·Σw² over the weights (not the biases). Pure: tfjs arrives as an argument, no DOM.
 */
import type { Scalar, Variable } from '@tensorflow/tfjs-core';
import type { Tensor, Tf } from './backend';
import { BETA2, EPSILON, ReferenceOptimizer, disposeOptimizer, runSteps, type OptimizerName } from './optimizers';
import { mulberry32, normal, permutation, type Rng } from './random';

export const DATASETS = ['circle', 'xor', 'blobs', 'spiral'] as const;
export type DatasetName = (typeof DATASETS)[number];
export const DATASET_LABELS: Record<DatasetName, string> = {
  circle: 'Circle in a ring',
  xor: 'XOR quadrants',
  blobs: 'Two blobs',
  spiral: 'Two spirals',
};

export const ACTIVATION_NAMES = ['tanh', 'relu', 'sigmoid'] as const;
export type MlpActivation = (typeof ACTIVATION_NAMES)[number];

export function isDatasetName(v: string): v is DatasetName {
  return (DATASETS as readonly string[]).includes(v);
}
export function isMlpActivation(v: string): v is MlpActivation {
  return (ACTIVATION_NAMES as readonly string[]).includes(v);
}

export interface Dataset {
  /** Points in [−1, 1]², one [x, y] each. */
  x: Point2[];
  /** Labels 0 or 1. */
  y: number[];
}
export type Point2 = [number, number];

/** n labelled points of a toy dataset; `noise` jitters the points. */
export function makeDataset(name: DatasetName, n: number, seed: number, noise = 0.08): Dataset {
  const rng = mulberry32(seed);
  const x: Point2[] = [];
  const y: number[] = [];
  const jitter = () => noise * normal(rng);
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    let p: Point2;
    switch (name) {
      case 'circle': {
        const r = label ? 0.1 + 0.35 * Math.sqrt(rng()) : 0.65 + 0.3 * rng();
        const a = 2 * Math.PI * rng();
        p = [r * Math.cos(a), r * Math.sin(a)];
        break;
      }
      case 'xor': {
        const a = 0.1 + 0.8 * rng();
        const b = 0.1 + 0.8 * rng();
        const sa = rng() < 0.5 ? -1 : 1;
        const sb = label ? -sa : sa;
        p = [sa * a, sb * b];
        break;
      }
      case 'blobs': {
        const c = label ? 0.4 : -0.4;
        p = [c + 0.25 * normal(rng), c + 0.25 * normal(rng)];
        break;
      }
      case 'spiral': {
        const t = rng();
        const r = 0.1 + 0.8 * t;
        const a = 3 * Math.PI * t + (label ? Math.PI : 0);
        p = [r * Math.cos(a), r * Math.sin(a)];
        break;
      }
    }
    x.push([clamp1(p[0] + jitter()), clamp1(p[1] + jitter())]);
    y.push(label);
  }
  return { x, y };
}

const clamp1 = (v: number) => Math.max(-1, Math.min(1, v));

export interface MlpSpec {
  /** Layer widths from input to output, e.g. [2, 8, 8, 1]. */
  sizes: number[];
  activation: MlpActivation;
}

/** Weights w[l] (row-major, in × out) and biases b[l], flat arrays. */
export interface Params {
  w: number[][];
  b: number[][];
}

/** Glorot-uniform weights and zero biases from a seed. */
export function initParams(spec: MlpSpec, seed: number, scale = 1): Params {
  const rng = mulberry32(seed ^ 0x9e3779b9);
  const w: number[][] = [];
  const b: number[][] = [];
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    const nIn = spec.sizes[l]!;
    const nOut = spec.sizes[l + 1]!;
    const limit = scale * Math.sqrt(6 / (nIn + nOut));
    w.push(Array.from({ length: nIn * nOut }, () => (2 * rng() - 1) * limit));
    b.push(Array.from({ length: nOut }, () => 0));
  }
  return { w, b };
}

export function countParams(spec: MlpSpec): number {
  let n = 0;
  for (let l = 0; l + 1 < spec.sizes.length; l++) n += (spec.sizes[l]! + 1) * spec.sizes[l + 1]!;
  return n;
}

/** Parameters as one flat list, layer by layer, weights then biases (the tfjs variable order). */
export function flattenParams(p: Params): number[] {
  return p.w.flatMap((w, l) => [...w, ...p.b[l]!]);
}

export function unflattenParams(spec: MlpSpec, flat: readonly number[]): Params {
  const w: number[][] = [];
  const b: number[][] = [];
  let k = 0;
  for (let l = 0; l + 1 < spec.sizes.length; l++) {
    const nw = spec.sizes[l]! * spec.sizes[l + 1]!;
    w.push(flat.slice(k, k + nw));
    k += nw;
    b.push(flat.slice(k, k + spec.sizes[l + 1]!));
    k += spec.sizes[l + 1]!;
  }
  return { w, b };
}

/** Seeded minibatches: a fresh shuffle every epoch; the last short batch is dropped. */
export class BatchStream {
  private readonly rng: Rng;
  private order: number[] = [];
  private pos = 0;
  constructor(
    private readonly n: number,
    private readonly batchSize: number,
    seed: number,
  ) {
    this.rng = mulberry32(seed ^ 0x85ebca6b);
  }
  next(): number[] {
    const size = Math.min(this.batchSize, this.n);
    if (this.pos + size > this.order.length) {
      this.order = permutation(this.n, this.rng);
      this.pos = 0;
    }
    const out = this.order.slice(this.pos, this.pos + size);
    this.pos += size;
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Reference, float64.

function act(name: MlpActivation, z: number): number {
  switch (name) {
    case 'tanh':
      return Math.tanh(z);
    case 'relu':
      return z > 0 ? z : 0;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
  }
}
/** f′ from the output a = f(z) (and z for ReLU, left-hand value at 0 as tfjs). */
function actDerivative(name: MlpActivation, z: number, a: number): number {
  switch (name) {
    case 'tanh':
      return 1 - a * a;
    case 'relu':
      return z > 0 ? 1 : 0;
    case 'sigmoid':
      return a * (1 - a);
  }
}

/** log(1 + e^z) − y·z, the binary cross-entropy of a logit, computed stably. */
export function bceWithLogits(z: number, y: number): number {
  return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
}

interface ForwardTrace {
  zs: number[][][];
  as: number[][][];
}

function forwardTrace(spec: MlpSpec, p: Params, xs: readonly (readonly number[])[]): ForwardTrace {
  const layers = spec.sizes.length - 1;
  const zs: number[][][] = [];
  const as: number[][][] = [xs.map((r) => [...r])];
  for (let l = 0; l < layers; l++) {
    const nIn = spec.sizes[l]!;
    const nOut = spec.sizes[l + 1]!;
    const w = p.w[l]!;
    const b = p.b[l]!;
    const prev = as[l]!;
    const z = prev.map((row) => {
      const out = new Array<number>(nOut);
      for (let j = 0; j < nOut; j++) {
        let s = b[j]!;
        for (let i = 0; i < nIn; i++) s += row[i]! * w[i * nOut + j]!;
        out[j] = s;
      }
      return out;
    });
    zs.push(z);
    as.push(l === layers - 1 ? z : z.map((row) => row.map((v) => act(spec.activation, v))));
  }
  return { zs, as };
}

/** The logit of each point. */
export function logitsReference(spec: MlpSpec, p: Params, xs: readonly (readonly number[])[]): number[] {
  const { as } = forwardTrace(spec, p, xs);
  return as[as.length - 1]!.map((r) => r[0]!);
}

export function l2Penalty(p: Params, l2: number): number {
  return l2 * p.w.reduce((s, w) => s + w.reduce((t, v) => t + v * v, 0), 0);
}

export function lossReference(spec: MlpSpec, p: Params, xs: readonly (readonly number[])[], ys: readonly number[], l2: number): number {
  const z = logitsReference(spec, p, xs);
  return z.reduce((s, v, i) => s + bceWithLogits(v, ys[i]!), 0) / z.length + l2Penalty(p, l2);
}

/** The loss and its gradient, by the chain rule written out layer by layer. */
export function gradientReference(
  spec: MlpSpec,
  p: Params,
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  l2: number,
): { loss: number; grads: Params } {
  const { zs, as } = forwardTrace(spec, p, xs);
  const layers = spec.sizes.length - 1;
  const n = xs.length;
  const out = as[layers]!;
  const loss = out.reduce((s, r, i) => s + bceWithLogits(r[0]!, ys[i]!), 0) / n + l2Penalty(p, l2);
  // dL/dz at the output: (σ(z) − y)/n
  let delta = out.map((r, i) => [(1 / (1 + Math.exp(-r[0]!)) - ys[i]!) / n]);
  const gw: number[][] = new Array(layers);
  const gb: number[][] = new Array(layers);
  for (let l = layers - 1; l >= 0; l--) {
    const nIn = spec.sizes[l]!;
    const nOut = spec.sizes[l + 1]!;
    const prev = as[l]!;
    const w = p.w[l]!;
    const gwl = w.map((v) => 2 * l2 * v);
    const gbl = new Array<number>(nOut).fill(0);
    for (let k = 0; k < n; k++) {
      for (let j = 0; j < nOut; j++) {
        const d = delta[k]![j]!;
        gbl[j]! += d;
        for (let i = 0; i < nIn; i++) gwl[i * nOut + j]! += prev[k]![i]! * d;
      }
    }
    gw[l] = gwl;
    gb[l] = gbl;
    if (l > 0) {
      const z = zs[l - 1]!;
      const a = as[l]!;
      delta = delta.map((row, k) => {
        const next = new Array<number>(nIn);
        for (let i = 0; i < nIn; i++) {
          let s = 0;
          for (let j = 0; j < nOut; j++) s += w[i * nOut + j]! * row[j]!;
          next[i] = s * actDerivative(spec.activation, z[k]![i]!, a[k]![i]!);
        }
        return next;
      });
    }
  }
  return { loss, grads: { w: gw, b: gb } };
}

export interface TrainHyper {
  lr: number;
  batchSize: number;
  l2: number;
  /** μ for momentum, β₁ for Adam. */
  momentum: number;
  optimizer: Extract<OptimizerName, 'sgd' | 'momentum' | 'adam'>;
}

/** Everything a playground run depends on: with it, the run can be replayed in float64. */
export interface TrainSetup {
  dataset: string;
  spec: MlpSpec;
  hyper: TrainHyper;
  seed: number;
}

/**
 * Training in float64 with the same batches as the tfjs trainer: the loss of each step (before
 * its update) and the final parameters. `lrAt(step)` lets a schedule set η per step.
 */
export function trainReference(
  spec: MlpSpec,
  start: Params,
  data: Dataset,
  hyper: TrainHyper,
  seed: number,
  steps: number,
  lrAt: (step: number) => number = () => hyper.lr,
): { losses: number[]; params: Params } {
  const batches = new BatchStream(data.x.length, hyper.batchSize, seed);
  const opt = new ReferenceOptimizer(hyper.optimizer, hyper.lr, hyper.momentum);
  let flat = flattenParams(start);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const idx = batches.next();
    const params = unflattenParams(spec, flat);
    const { loss, grads } = gradientReference(
      spec,
      params,
      idx.map((i) => data.x[i]!),
      idx.map((i) => data.y[i]!),
      hyper.l2,
    );
    losses.push(loss);
    opt.lr = lrAt(s);
    flat = opt.step(flat, flattenParams(grads));
  }
  return { losses, params: unflattenParams(spec, flat) };
}

// ---------------------------------------------------------------------------------------------
// tfjs.

function activate(tf: Tf, name: MlpActivation, z: Tensor): Tensor {
  switch (name) {
    case 'tanh':
      return tf.tanh(z);
    case 'relu':
      return tf.relu(z);
    case 'sigmoid':
      return tf.sigmoid(z);
  }
}

/** The network's variables on the device, created from reference parameters. */
export class TfMlp {
  readonly vars: Variable[] = [];
  constructor(
    private readonly tf: Tf,
    readonly spec: MlpSpec,
    params: Params,
  ) {
    for (let l = 0; l + 1 < spec.sizes.length; l++) {
      const nIn = spec.sizes[l]!;
      const nOut = spec.sizes[l + 1]!;
      // tf.variable copies its initial value: the tidy disposes the original.
      this.vars.push(tf.tidy(() => tf.variable(tf.tensor2d(params.w[l]!, [nIn, nOut]), true, undefined, 'float32')));
      this.vars.push(tf.tidy(() => tf.variable(tf.tensor1d(params.b[l]!), true, undefined, 'float32')));
    }
  }

  /** Logits, shape [n, 1]. */
  logits(x: Tensor): Tensor {
    const { tf } = this;
    const layers = this.spec.sizes.length - 1;
    let h = x;
    for (let l = 0; l < layers; l++) {
      const z = tf.add(tf.matMul(h, this.vars[2 * l]!), this.vars[2 * l + 1]!);
      h = l === layers - 1 ? z : activate(tf, this.spec.activation, z);
    }
    return h;
  }

  /** Mean BCE of the logits, plus λ·Σw². `y` has shape [n, 1]. */
  loss(x: Tensor, y: Tensor, l2: number): Scalar {
    const { tf } = this;
    const z = this.logits(x);
    const bce = tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
    if (l2 === 0) return bce as Scalar;
    let penalty: Tensor = tf.scalar(0);
    for (let l = 0; 2 * l < this.vars.length; l++) penalty = tf.add(penalty, tf.sum(tf.square(this.vars[2 * l]!)));
    return tf.add(bce, tf.mul(penalty, l2)) as Scalar;
  }

  async readParams(): Promise<Params> {
    const values = await Promise.all(this.vars.map((v) => v.data()));
    return unflattenParams(
      this.spec,
      values.flatMap((v) => Array.from(v)),
    );
  }

  dispose(): void {
    this.tf.dispose(this.vars);
  }
}

export function makeOptimizer(tf: Tf, hyper: TrainHyper) {
  switch (hyper.optimizer) {
    case 'sgd':
      return tf.train.sgd(hyper.lr);
    case 'momentum':
      return tf.train.momentum(hyper.lr, hyper.momentum);
    case 'adam':
      return tf.train.adam(hyper.lr, hyper.momentum, BETA2, EPSILON);
  }
}

/**
 * Trains a TfMlp on a dataset, one minibatch per step, with a tf.train optimizer. `steps(k)`
 * runs k updates and reads their losses back in one transfer. Dispose when done: it owns the
 * optimizer's slot variables and the data tensors (the network belongs to the caller).
 */
export class MlpTrainer {
  private readonly optimizer: ReturnType<typeof makeOptimizer>;
  private readonly batches: BatchStream;
  private readonly xAll: Tensor;
  private readonly yAll: Tensor;
  stepsDone = 0;

  constructor(
    private readonly tf: Tf,
    readonly net: TfMlp,
    data: Dataset,
    readonly hyper: TrainHyper,
    seed: number,
  ) {
    this.optimizer = makeOptimizer(tf, hyper);
    this.batches = new BatchStream(data.x.length, hyper.batchSize, seed);
    this.xAll = tf.tensor2d(data.x.flat(), [data.x.length, 2]);
    this.yAll = tf.tensor2d(data.y, [data.y.length, 1]);
  }

  /** Sets η for the next steps (SGD and momentum only). */
  setLearningRate(lr: number): void {
    const opt = this.optimizer as { setLearningRate?: (lr: number) => void };
    opt.setLearningRate?.(lr);
  }

  /** k updates; the training loss of each batch before its update. `lrAt` may set η per step. */
  async steps(k: number, lrAt?: (step: number) => number): Promise<number[]> {
    const { tf } = this;
    return runSteps(tf, k, () => {
      if (lrAt) this.setLearningRate(lrAt(this.stepsDone));
      const idx = this.batches.next();
      const [x, y] = tf.tidy(() => {
        const rows = tf.tensor1d(idx, 'int32');
        return [tf.gather(this.xAll, rows), tf.gather(this.yAll, rows)];
      });
      const cost = this.optimizer.minimize(() => this.net.loss(x!, y!, this.hyper.l2), true, this.net.vars);
      tf.dispose([x!, y!]);
      this.stepsDone += 1;
      return cost;
    });
  }

  /** The loss (no penalty) on another dataset, e.g. the validation set. */
  async evaluate(x: Tensor, y: Tensor): Promise<number> {
    const loss = this.tf.tidy(() => this.net.loss(x, y, 0));
    const value = (await loss.data())[0]!;
    loss.dispose();
    return value;
  }

  dispose(): void {
    disposeOptimizer(this.optimizer);
    this.xAll.dispose();
    this.yAll.dispose();
  }
}

/** Probabilities σ(logit) on a g×g grid over [−1, 1]², row by row from the top (y = 1). */
export async function probabilityGrid(tf: Tf, net: TfMlp, g: number): Promise<Float32Array> {
  const p = tf.tidy(() => {
    const coords: number[] = [];
    for (let r = 0; r < g; r++) {
      const yv = 1 - (2 * (r + 0.5)) / g;
      for (let c = 0; c < g; c++) coords.push(-1 + (2 * (c + 0.5)) / g, yv);
    }
    return tf.sigmoid(net.logits(tf.tensor2d(coords, [g * g, 2])));
  });
  const values = (await p.data()) as Float32Array;
  p.dispose();
  return values;
}

export function datasetTensors(tf: Tf, data: Dataset): [Tensor, Tensor] {
  return [tf.tensor2d(data.x.flat(), [data.x.length, 2]), tf.tensor2d(data.y, [data.y.length, 1])];
}
