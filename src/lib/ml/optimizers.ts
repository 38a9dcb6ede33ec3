/**
 * The optimizer race: SGD, momentum, RMSProp, Adam and AdamW descending 2-D loss surfaces.
 * The tfjs side uses the library's own optimizers (`tf.train.*`); AdamW is `tf.train.adam` plus
 * decoupled weight decay applied by hand (tfjs has no AdamW). The plain-TypeScript side is the
 * textbook update equations in float64, which the widget and the tests check every step against.
 * Pure: tfjs arrives as an argument, no DOM.
 */
import type { Scalar, Variable } from '@tensorflow/tfjs-core';
import type { Tensor, Tf } from './backend';
import { mulberry32, normal, type Rng } from './random';

export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  adamw: 'AdamW',
};

/** The textbook update each optimizer applies, as shown to the reader (g is the gradient). */
export const OPTIMIZER_RULES: Record<OptimizerName, string> = {
  sgd: 'θ ← θ − η·g',
  momentum: 'v ← μ·v + g;  θ ← θ − η·v',
  rmsprop: 's ← ρ·s + (1−ρ)·g²;  θ ← θ − η·g/√(s + ε)',
  adam: 'm ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η·m̂/(√v̂ + ε)',
  adamw: 'Adam’s step, then θ ← θ − η·λ·θ (decay decoupled from the gradient)',
};

/** Fixed hyperparameters (the reader sets η, μ = β₁, λ, the noise and the seed). */
export const RMS_DECAY = 0.9;
export const BETA2 = 0.999;
export const EPSILON = 1e-7;
/** Positions are clipped to |θ| ≤ LIMIT after every update, so a diverging path stays finite. */
export const LIMIT = 1e3;

export const SURFACES = ['bowl', 'rosenbrock', 'saddle'] as const;
export type SurfaceName = (typeof SURFACES)[number];

export interface Surface {
  label: string;
  formula: string;
  /** Plot domain. */
  x: [number, number];
  y: [number, number];
  start: [number, number];
  /** Where the minimum is, if any, for the figure. */
  minimum: [number, number][];
  /** Suggested learning rate. */
  lr: number;
  /** Scale of "some" gradient noise on this surface. */
  noiseScale: number;
}

export const SURFACE_INFO: Record<SurfaceName, Surface> = {
  bowl: {
    label: 'Ill-conditioned bowl',
    formula: 'f(x, y) = ½(x² + 20y²)',
    x: [-5, 5],
    y: [-3, 3],
    start: [-4.5, 2],
    minimum: [[0, 0]],
    lr: 0.04,
    noiseScale: 1,
  },
  rosenbrock: {
    label: 'Rosenbrock valley',
    formula: 'f(x, y) = (1 − x)² + 10(y − x²)²',
    x: [-2, 2],
    y: [-1, 3],
    start: [-1.6, 2.6],
    minimum: [[1, 1]],
    lr: 0.01,
    noiseScale: 2,
  },
  saddle: {
    label: 'Saddle',
    formula: 'f(x, y) = ½x² − ½y² + ¼y⁴',
    x: [-3, 3],
    y: [-2, 2],
    start: [-2.8, 0.01],
    minimum: [
      [0, 1],
      [0, -1],
    ],
    lr: 0.05,
    noiseScale: 0.5,
  },
};

export function isSurfaceName(value: string): value is SurfaceName {
  return (SURFACES as readonly string[]).includes(value);
}

/** f in float64. */
export function surfaceValue(name: SurfaceName, x: number, y: number): number {
  switch (name) {
    case 'bowl':
      return 0.5 * (x * x + 20 * y * y);
    case 'rosenbrock':
      return (1 - x) ** 2 + 10 * (y - x * x) ** 2;
    case 'saddle':
      return 0.5 * x * x - 0.5 * y * y + 0.25 * y ** 4;
  }
}

/** ∇f worked out by hand, float64. */
export function surfaceGradient(name: SurfaceName, x: number, y: number): [number, number] {
  switch (name) {
    case 'bowl':
      return [x, 20 * y];
    case 'rosenbrock':
      return [-2 * (1 - x) - 40 * x * (y - x * x), 20 * (y - x * x)];
    case 'saddle':
      return [x, -y + y ** 3];
  }
}

/** f as tfjs ops on two scalars (differentiable with the registered gradients). */
export function surfaceLoss(tf: Tf, name: SurfaceName, x: Tensor, y: Tensor): Tensor {
  switch (name) {
    case 'bowl':
      return tf.mul(tf.add(tf.square(x), tf.mul(tf.square(y), 20)), 0.5);
    case 'rosenbrock':
      return tf.add(tf.square(tf.sub(1, x)), tf.mul(tf.square(tf.sub(y, tf.square(x))), 10));
    case 'saddle': {
      const y2 = tf.square(y);
      return tf.add(tf.mul(tf.sub(tf.square(x), y2), 0.5), tf.mul(tf.square(y2), 0.25));
    }
  }
}

export interface RaceConfig {
  surface: SurfaceName;
  /** η */
  lr: number;
  /** μ for momentum, β₁ for Adam and AdamW. */
  momentum: number;
  /** λ of AdamW. */
  weightDecay: number;
  /** Standard deviation of the gradient noise (0: exact gradients). */
  noise: number;
  seed: number;
}

export type Point = [number, number];

/**
 * The gradient noise, one (nx, ny) per step, shared by all optimizers so the race is fair. It
 * enters as a random linear term nx·x + ny·y added to the loss, so the optimizers (tfjs's and the
 * reference) see ∇f + n: a stand-in for the noise of minibatch gradients.
 */
export class NoiseStream {
  private readonly rng: Rng;
  constructor(private readonly sigma: number, seed: number) {
    this.rng = mulberry32(seed);
  }
  next(): Point {
    const nx = normal(this.rng);
    const ny = normal(this.rng);
    return this.sigma === 0 ? [0, 0] : [this.sigma * nx, this.sigma * ny];
  }
}

/** A path that has reached the clipping limit has diverged. */
export function diverged(p: readonly number[]): boolean {
  return p.some((v) => !(Math.abs(v) < LIMIT));
}

const clip = (v: number): number => (Number.isNaN(v) ? v : Math.max(-LIMIT, Math.min(LIMIT, v)));

/** One optimizer's textbook update in float64, on a parameter vector of any length. */
export class ReferenceOptimizer {
  private m: number[] = [];
  private v: number[] = [];
  private t = 0;
  constructor(
    readonly name: OptimizerName,
    /** η; a schedule may change it between steps. */
    public lr: number,
    private readonly momentum: number,
    private readonly weightDecay = 0,
  ) {}

  step(params: readonly number[], grads: readonly number[]): number[] {
    if (this.m.length !== params.length) {
      this.m = params.map(() => 0);
      this.v = params.map(() => 0);
    }
    this.t += 1;
    const { lr, momentum: mu } = this;
    return params.map((p, i) => {
      const g = grads[i]!;
      switch (this.name) {
        case 'sgd':
          return p - lr * g;
        case 'momentum':
          this.m[i] = mu * this.m[i]! + g;
          return p - lr * this.m[i]!;
        case 'rmsprop':
          this.v[i] = RMS_DECAY * this.v[i]! + (1 - RMS_DECAY) * g * g;
          return p - (lr * g) / Math.sqrt(this.v[i]! + EPSILON);
        case 'adam':
        case 'adamw': {
          this.m[i] = mu * this.m[i]! + (1 - mu) * g;
          this.v[i] = BETA2 * this.v[i]! + (1 - BETA2) * g * g;
          const mHat = this.m[i]! / (1 - mu ** this.t);
          const vHat = this.v[i]! / (1 - BETA2 ** this.t);
          const adam = p - (lr * mHat) / (Math.sqrt(vHat) + EPSILON);
          return this.name === 'adamw' ? adam - lr * this.weightDecay * p : adam;
        }
      }
    }).map(clip);
  }
}

/**
 * Runs `step` k times and reads back the losses it returns in one transfer (one stack, one
 * `data()`), disposing every loss tensor, also when a step throws.
 */
export async function runSteps(tf: Tf, k: number, step: () => Tensor | null): Promise<number[]> {
  const costs: Tensor[] = [];
  try {
    for (let s = 0; s < k; s++) {
      const cost = step();
      if (cost) costs.push(cost);
    }
    if (costs.length === 0) return [];
    const all = tf.stack(costs);
    try {
      return Array.from(await all.data());
    } finally {
      all.dispose();
    }
  } finally {
    tf.dispose(costs);
  }
}

/**
 * `optimizer.dispose()`, plus the tensors some tfjs optimizers keep but do not dispose (tfjs 4.22's
 * MomentumOptimizer overrides dispose and forgets SGD's learning-rate scalar).
 */
export function disposeOptimizer(optimizer: { dispose(): void }): void {
  optimizer.dispose();
  for (const value of Object.values(optimizer)) {
    if (isLiveTensor(value)) value.dispose();
  }
}

function isLiveTensor(value: unknown): value is Tensor {
  return typeof value === 'object' && value !== null && 'isDisposed' in value && 'dispose' in value && (value as Tensor).isDisposed === false;
}

export type Paths = Record<OptimizerName, Point[]>;

function emptyPaths(start: Point): Paths {
  return Object.fromEntries(OPTIMIZERS.map((o) => [o, [[...start] as Point]])) as Paths;
}

/** The whole race in float64: `steps` updates per optimizer, starting point included. */
export function raceReference(config: RaceConfig, steps: number): Paths {
  const surface = SURFACE_INFO[config.surface];
  const paths = emptyPaths(surface.start);
  const noise = new NoiseStream(config.noise, config.seed);
  const opts = OPTIMIZERS.map((o) => new ReferenceOptimizer(o, config.lr, config.momentum, config.weightDecay));
  for (let k = 0; k < steps; k++) {
    const [nx, ny] = noise.next();
    for (const opt of opts) {
      const path = paths[opt.name];
      const p = path[path.length - 1]!;
      const [gx, gy] = surfaceGradient(config.surface, p[0], p[1]);
      path.push(opt.step(p, [gx + nx, gy + ny]) as Point);
    }
  }
  return paths;
}

interface Racer {
  name: OptimizerName;
  optimizer: { minimize(f: () => Scalar, returnCost?: boolean, varList?: Variable[]): Scalar | null; dispose(): void };
  x: Variable;
  y: Variable;
}

/** The race on tfjs: five optimizers from tf.train, each with its own two scalar variables. */
export class TfRace {
  private readonly racers: Racer[];
  private readonly noise: NoiseStream;
  /** The noise used at each step so far (for the per-step check). */
  readonly noiseUsed: Point[] = [];
  stepsDone = 0;

  constructor(
    private readonly tf: Tf,
    readonly config: RaceConfig,
  ) {
    const { lr, momentum } = config;
    const [sx, sy] = SURFACE_INFO[config.surface].start;
    this.noise = new NoiseStream(config.noise, config.seed);
    const make = (name: OptimizerName) => {
      switch (name) {
        case 'sgd':
          return tf.train.sgd(lr);
        case 'momentum':
          return tf.train.momentum(lr, momentum);
        case 'rmsprop':
          return tf.train.rmsprop(lr, RMS_DECAY, 0, EPSILON);
        case 'adam':
        case 'adamw':
          return tf.train.adam(lr, momentum, BETA2, EPSILON);
      }
    };
    this.racers = OPTIMIZERS.map((name) => ({
      name,
      optimizer: make(name),
      // tf.variable copies its initial value: the tidy disposes the original.
      x: tf.tidy(() => tf.variable(tf.scalar(sx), true, undefined, 'float32')),
      y: tf.tidy(() => tf.variable(tf.scalar(sy), true, undefined, 'float32')),
    }));
  }

  /** Runs `n` steps and returns, per optimizer, the n new points (read back in one transfer). */
  async step(n: number): Promise<Paths> {
    const { tf, config } = this;
    const snapshots: Tensor[] = [];
    try {
      for (let k = 0; k < n; k++) {
        const [nx, ny] = this.noise.next();
        this.noiseUsed.push([nx, ny]);
        for (const r of this.racers) {
          const decay =
            r.name === 'adamw' ? tf.tidy(() => [tf.mul(r.x, config.lr * config.weightDecay), tf.mul(r.y, config.lr * config.weightDecay)]) : null;
          r.optimizer.minimize(
            () => tf.tidy(() => tf.add(surfaceLoss(tf, config.surface, r.x, r.y), tf.add(tf.mul(r.x, nx), tf.mul(r.y, ny))) as Scalar),
            false,
            [r.x, r.y],
          );
          if (decay) {
            tf.tidy(() => {
              r.x.assign(tf.sub(r.x, decay[0]!));
              r.y.assign(tf.sub(r.y, decay[1]!));
            });
            tf.dispose(decay);
          }
          tf.tidy(() => {
            r.x.assign(tf.clipByValue(r.x, -LIMIT, LIMIT));
            r.y.assign(tf.clipByValue(r.y, -LIMIT, LIMIT));
          });
        }
        snapshots.push(tf.tidy(() => tf.stack(this.racers.flatMap((r) => [r.x, r.y]))));
      }
      const all = tf.stack(snapshots);
      const values = await all.data();
      all.dispose();
      this.stepsDone += n;
      const out = Object.fromEntries(OPTIMIZERS.map((o) => [o, [] as Point[]])) as Paths;
      const width = 2 * this.racers.length;
      for (let k = 0; k < n; k++) {
        this.racers.forEach((r, i) => {
          out[r.name].push([values[k * width + 2 * i]!, values[k * width + 2 * i + 1]!]);
        });
      }
      return out;
    } finally {
      tf.dispose(snapshots);
    }
  }

  dispose(): void {
    for (const r of this.racers) {
      disposeOptimizer(r.optimizer);
      r.x.dispose();
      r.y.dispose();
    }
  }
}

/**
 * Checks one tfjs update against the textbook equations: from the point before the step (as tfjs
 * had it), the reference optimizer (whose state has followed the same gradients) must land where
 * tfjs landed. Returns the float64 point it expected.
 */
export function referenceUpdate(opt: ReferenceOptimizer, surface: SurfaceName, before: Point, noise: Point): Point {
  const [gx, gy] = surfaceGradient(surface, before[0], before[1]);
  return opt.step(before, [gx + noise[0], gy + noise[1]]) as Point;
}
