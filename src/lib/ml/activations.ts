/**
 * The activation widget's maths: ReLU, SELU, GELU, tanh and sigmoid on tfjs, with derivatives
 * from `tf.grad`, and an independent float64 reference with the derivatives worked out by hand.
 * Pure: tfjs arrives as an argument, no DOM.
 */
import type { Tensor, Tf } from './backend';

export const ACTIVATIONS = ['relu', 'selu', 'gelu', 'tanh', 'sigmoid'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export function isActivationName(value: string): value is ActivationName {
  return (ACTIVATIONS as readonly string[]).includes(value);
}

/** SELU's constants (Klambauer et al., 2017), the same that tfjs uses. */
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

export const ACTIVATION_INFO: Record<ActivationName, { label: string; formula: string; derivative: string }> = {
  relu: { label: 'ReLU', formula: 'max(0, x)', derivative: '1 if x > 0, else 0' },
  selu: { label: 'SELU', formula: 'λx if x > 0, else λα(eˣ − 1)', derivative: 'λ if x > 0, else λαeˣ' },
  gelu: { label: 'GELU', formula: 'x·Φ(x) = ½x(1 + erf(x/√2))', derivative: 'Φ(x) + x·φ(x)' },
  tanh: { label: 'tanh', formula: '(eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)', derivative: '1 − tanh²(x)' },
  sigmoid: { label: 'Sigmoid', formula: '1/(1 + e⁻ˣ)', derivative: 'σ(x)(1 − σ(x))' },
};

/** The activation as tfjs ops (differentiable with the gradients the runtime registers). */
export function applyActivation(tf: Tf, name: ActivationName, x: Tensor): Tensor {
  switch (name) {
    case 'relu':
      return tf.relu(x);
    case 'selu':
      return tf.selu(x);
    case 'gelu':
      // tfjs-core has no GELU op; the exact form from erf.
      return tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1));
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
  }
}

export interface Curve {
  xs: number[];
  ys: number[];
  /** dy/dx from tf.grad; at a kink (x = 0 for ReLU and SELU) the left-hand value. */
  dys: number[];
}

/** f(x) and f′(x) at every x, in one tidy: the derivative is tf.grad of f, not a formula. */
export async function activationCurve(tf: Tf, name: ActivationName, xs: readonly number[]): Promise<Curve> {
  const [y, dy] = tf.tidy(() => {
    const x = tf.tensor1d([...xs]);
    const f = (t: Tensor): Tensor => applyActivation(tf, name, t);
    return [f(x), tf.grad(f)(x)];
  });
  try {
    const [ys, dys] = await Promise.all([y.data(), dy.data()]);
    return { xs: [...xs], ys: Array.from(ys), dys: Array.from(dys) };
  } finally {
    y.dispose();
    dy.dispose();
  }
}

/** n evenly spaced points from a to b inclusive, computed so that 0 lands exactly on 0. */
export function linspace(a: number, b: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? a : (a * (n - 1 - i) + b * i) / (n - 1)));
}

// ---------------------------------------------------------------------------------------------
// Reference, float64, no tfjs.

/**
 * erf from the complementary error function's Chebyshev fit (Numerical Recipes, `erfcc`),
 * fractional error below 1.2e-7 everywhere: a different method from tfjs's.
 */
export function erfReference(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(poly);
  return x >= 0 ? 1 - erfc : erfc - 1;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export function activationReference(name: ActivationName, x: number): number {
  switch (name) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'selu':
      return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * (Math.exp(x) - 1);
    case 'gelu':
      return 0.5 * x * (1 + erfReference(x / Math.SQRT2));
    case 'tanh':
      return Math.tanh(x);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
  }
}

/** Derivatives by hand. At x = 0, ReLU and SELU take the left-hand value, as tfjs does. */
export function derivativeReference(name: ActivationName, x: number): number {
  switch (name) {
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'selu':
      return x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * Math.exp(x);
    case 'gelu': {
      const cdf = 0.5 * (1 + erfReference(x / Math.SQRT2));
      const pdf = INV_SQRT_2PI * Math.exp(-0.5 * x * x);
      return cdf + x * pdf;
    }
    case 'tanh': {
      const t = Math.tanh(x);
      return 1 - t * t;
    }
    case 'sigmoid': {
      const s = 1 / (1 + Math.exp(-x));
      return s * (1 - s);
    }
  }
}

export function curveReference(name: ActivationName, xs: readonly number[]): Curve {
  return {
    xs: [...xs],
    ys: xs.map((x) => activationReference(name, x)),
    dys: xs.map((x) => derivativeReference(name, x)),
  };
}
