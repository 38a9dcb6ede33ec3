/**
 * The backpropagation widget's maths: a two-layer neuron and its loss as a computational graph,
 *
 *   z = w1·x1 + w2·x2 + b1,   h = σ(z),   ŷ = w3·h + b2,   L = ½(ŷ − y)²,
 *
 * evaluated forward node by node, then differentiated backward node by node with the chain rule
 * spelled out; the final gradients are checked against `tf.grads` and against finite differences
 * of an independent float64 loss. Pure: tfjs arrives as an argument, no DOM.
 */
import type { Tensor, Tf } from './backend';

export const PARAMETERS = ['w1', 'w2', 'b1', 'w3', 'b2'] as const;
export type ParameterName = (typeof PARAMETERS)[number];
export const INPUTS = ['x1', 'x2', 'y'] as const;
export type InputName = (typeof INPUTS)[number];

export type NeuronValues = Record<ParameterName | InputName, number>;

export const DEFAULT_VALUES: NeuronValues = { x1: 1.5, x2: -0.5, y: 0.2, w1: 0.8, w2: -1.2, b1: 0.1, w3: 1.5, b2: -0.3 };

export type NodeId = ParameterName | InputName | 'p1' | 'p2' | 'z' | 'h' | 'p3' | 'yhat' | 'e' | 'L';

export interface NodeSpec {
  id: NodeId;
  /** How the node is written in the figure. */
  label: string;
  /** For an operation: what it computes, in words and symbols. */
  op?: { symbol: string; formula: string; inputs: NodeId[] };
}

/** Nodes in forward (topological) order. */
export const GRAPH: readonly NodeSpec[] = [
  { id: 'x1', label: 'x₁' },
  { id: 'w1', label: 'w₁' },
  { id: 'x2', label: 'x₂' },
  { id: 'w2', label: 'w₂' },
  { id: 'b1', label: 'b₁' },
  { id: 'w3', label: 'w₃' },
  { id: 'b2', label: 'b₂' },
  { id: 'y', label: 'y' },
  { id: 'p1', label: 'w₁x₁', op: { symbol: '×', formula: 'w₁ · x₁', inputs: ['w1', 'x1'] } },
  { id: 'p2', label: 'w₂x₂', op: { symbol: '×', formula: 'w₂ · x₂', inputs: ['w2', 'x2'] } },
  { id: 'z', label: 'z', op: { symbol: '+', formula: 'w₁x₁ + w₂x₂ + b₁', inputs: ['p1', 'p2', 'b1'] } },
  { id: 'h', label: 'h', op: { symbol: 'σ', formula: 'σ(z)', inputs: ['z'] } },
  { id: 'p3', label: 'w₃h', op: { symbol: '×', formula: 'w₃ · h', inputs: ['w3', 'h'] } },
  { id: 'yhat', label: 'ŷ', op: { symbol: '+', formula: 'w₃h + b₂', inputs: ['p3', 'b2'] } },
  { id: 'e', label: 'e', op: { symbol: '−', formula: 'ŷ − y', inputs: ['yhat', 'y'] } },
  { id: 'L', label: 'L', op: { symbol: '½e²', formula: '½e²', inputs: ['e'] } },
];

export type Values = Record<NodeId, number>;

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The forward pass, one node at a time, in GRAPH order. */
export function forward(v: NeuronValues): Values {
  const p1 = v.w1 * v.x1;
  const p2 = v.w2 * v.x2;
  const z = p1 + p2 + v.b1;
  const h = sigmoid(z);
  const p3 = v.w3 * h;
  const yhat = p3 + v.b2;
  const e = yhat - v.y;
  const L = 0.5 * e * e;
  return { ...v, p1, p2, z, h, p3, yhat, e, L };
}

/** ∂(node)/∂(input) for each edge of the graph, at the forward values. */
export function localGradient(node: NodeId, input: NodeId, values: Values): number {
  switch (node) {
    case 'p1':
      return input === 'w1' ? values.x1 : values.w1;
    case 'p2':
      return input === 'w2' ? values.x2 : values.w2;
    case 'z':
    case 'yhat':
      return 1;
    case 'h':
      return values.h * (1 - values.h);
    case 'p3':
      return input === 'w3' ? values.h : values.w3;
    case 'e':
      return input === 'yhat' ? 1 : -1;
    case 'L':
      return values.e;
    default:
      return 0;
  }
}

/** Local derivatives in symbols, for the spelled-out chain rule. */
export function localGradientSymbol(node: NodeId, input: NodeId): string {
  switch (node) {
    case 'p1':
      return input === 'w1' ? 'x₁' : 'w₁';
    case 'p2':
      return input === 'w2' ? 'x₂' : 'w₂';
    case 'z':
    case 'yhat':
      return '1';
    case 'h':
      return 'σ(z)(1 − σ(z))';
    case 'p3':
      return input === 'w3' ? 'h' : 'w₃';
    case 'e':
      return input === 'yhat' ? '1' : '−1';
    case 'L':
      return 'e';
    default:
      return '0';
  }
}

export interface BackwardStep {
  /** The node whose gradient this step finds. */
  node: NodeId;
  /** The node it feeds into (its only consumer in this graph); absent for L itself. */
  via?: NodeId;
  /** ∂L/∂via, known from the previous steps. */
  upstream: number;
  /** ∂via/∂node. */
  local: number;
  /** ∂L/∂node = upstream × local. */
  grad: number;
}

const CONSUMER = new Map<NodeId, NodeId>();
for (const spec of GRAPH) for (const input of spec.op?.inputs ?? []) CONSUMER.set(input, spec.id);

/** Backward order: from L down to the parameters; the inputs x and y are not differentiated. */
export const BACKWARD_ORDER: readonly NodeId[] = ['L', 'e', 'yhat', 'b2', 'p3', 'w3', 'h', 'z', 'b1', 'p1', 'w1', 'p2', 'w2'];

/** The chain rule, one node at a time: each gradient is the consumer's gradient times a local one. */
export function backward(values: Values): BackwardStep[] {
  const grads = new Map<NodeId, number>();
  const steps: BackwardStep[] = [];
  for (const node of BACKWARD_ORDER) {
    const via = CONSUMER.get(node);
    if (!via) {
      grads.set(node, 1);
      steps.push({ node, upstream: 1, local: 1, grad: 1 });
      continue;
    }
    const upstream = grads.get(via);
    if (upstream === undefined) throw new Error(`${node} comes before ${via} in the backward order`);
    const local = localGradient(via, node, values);
    const grad = upstream * local;
    grads.set(node, grad);
    steps.push({ node, via, upstream, local, grad });
  }
  return steps;
}

export function parameterGradients(steps: readonly BackwardStep[]): Record<ParameterName, number> {
  const byNode = new Map(steps.map((s) => [s.node, s.grad]));
  const out = {} as Record<ParameterName, number>;
  for (const p of PARAMETERS) out[p] = byNode.get(p) ?? Number.NaN;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reference: the loss as one closed-form float64 expression, and central differences of it.

export function lossReference(v: NeuronValues): number {
  const h = 1 / (1 + Math.exp(-(v.w1 * v.x1 + v.w2 * v.x2 + v.b1)));
  const r = v.w3 * h + v.b2 - v.y;
  return (r * r) / 2;
}

/** (L(θ + ε) − L(θ − ε)) / 2ε for each parameter; the error is O(ε²). */
export function finiteDifferenceGradients(v: NeuronValues, epsilon = 1e-5): Record<ParameterName, number> {
  const out = {} as Record<ParameterName, number>;
  for (const p of PARAMETERS) {
    const plus = lossReference({ ...v, [p]: v[p] + epsilon });
    const minus = lossReference({ ...v, [p]: v[p] - epsilon });
    out[p] = (plus - minus) / (2 * epsilon);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// tfjs: the same loss as tensors, differentiated by tf.grads.

export function lossTf(tf: Tf, v: NeuronValues, params: readonly Tensor[]): Tensor {
  const [w1, w2, b1, w3, b2] = params as [Tensor, Tensor, Tensor, Tensor, Tensor];
  const z = tf.add(tf.add(tf.mul(w1, v.x1), tf.mul(w2, v.x2)), b1);
  const yhat = tf.add(tf.mul(w3, tf.sigmoid(z)), b2);
  return tf.mul(tf.square(tf.sub(yhat, v.y)), 0.5);
}

export async function tfGradients(tf: Tf, v: NeuronValues): Promise<{ loss: number; grads: Record<ParameterName, number> }> {
  const results = tf.tidy(() => {
    const params = PARAMETERS.map((p) => tf.scalar(v[p]));
    const loss = lossTf(tf, v, params);
    const grads = tf.grads((...xs: Tensor[]) => lossTf(tf, v, xs))(params);
    return [loss, ...grads];
  });
  try {
    const values = await Promise.all(results.map((t) => t.data()));
    const grads = {} as Record<ParameterName, number>;
    PARAMETERS.forEach((p, i) => {
      grads[p] = values[i + 1]?.[0] ?? Number.NaN;
    });
    return { loss: values[0]?.[0] ?? Number.NaN, grads };
  } finally {
    for (const t of results) t.dispose();
  }
}
