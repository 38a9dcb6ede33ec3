/**
 * The convolution widget's maths: a single-channel 2-D convolution (deep learning's kind, that
 * is cross-correlation: the kernel is not flipped) with stride and zero padding, on tfjs and step
 * by step. Pure: tfjs arrives as an argument, no DOM.
 */
import type { Tf } from './backend';
import { toMatrix, type Matrix } from './compare';

export type { Matrix };
export type ReadonlyMatrix = readonly (readonly number[])[];

/** `valid` = no padding; `same` = TensorFlow's rule (output = ⌈input / stride⌉); a number = that many zeros on every side. */
export type Padding = 'valid' | 'same' | number;

export interface ConvSpec {
  stride: number;
  padding: Padding;
}

export interface ConvGeometry {
  outH: number;
  outW: number;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
}

function samePadding(size: number, k: number, stride: number): [number, number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + k - size, 0);
  const before = Math.floor(total / 2);
  return [out, before, total - before];
}

export function convGeometry(h: number, w: number, kh: number, kw: number, spec: ConvSpec): ConvGeometry {
  const { stride, padding } = spec;
  if (!Number.isInteger(stride) || stride < 1) throw new Error('stride must be a positive integer');
  if (padding === 'same') {
    const [outH, padTop, padBottom] = samePadding(h, kh, stride);
    const [outW, padLeft, padRight] = samePadding(w, kw, stride);
    return { outH, outW, padTop, padLeft, padBottom, padRight };
  }
  const p = padding === 'valid' ? 0 : padding;
  if (!Number.isInteger(p) || p < 0) throw new Error('padding must be valid, same or a non-negative integer');
  const outH = Math.floor((h + 2 * p - kh) / stride) + 1;
  const outW = Math.floor((w + 2 * p - kw) / stride) + 1;
  if (outH < 1 || outW < 1) throw new Error('the kernel is larger than the padded input');
  return { outH, outW, padTop: p, padLeft: p, padBottom: p, padRight: p };
}

/**
 * Plain-TypeScript reference, written independently of the step-by-step code: for each output
 * cell, sum kernel × input over the kernel, treating positions outside the input as zero.
 */
export function convolveReference(image: Matrix, kernel: Matrix, spec: ConvSpec): Matrix {
  const h = image.length;
  const w = image[0]?.length ?? 0;
  const kh = kernel.length;
  const kw = kernel[0]?.length ?? 0;
  const s = spec.stride;
  let outH: number, outW: number, top: number, left: number;
  if (spec.padding === 'same') {
    outH = Math.ceil(h / s);
    outW = Math.ceil(w / s);
    top = Math.floor(Math.max((outH - 1) * s + kh - h, 0) / 2);
    left = Math.floor(Math.max((outW - 1) * s + kw - w, 0) / 2);
  } else {
    const p = spec.padding === 'valid' ? 0 : spec.padding;
    outH = Math.floor((h + 2 * p - kh) / s) + 1;
    outW = Math.floor((w + 2 * p - kw) / s) + 1;
    top = p;
    left = p;
  }
  const out: Matrix = [];
  for (let oy = 0; oy < outH; oy++) {
    const row: number[] = [];
    for (let ox = 0; ox < outW; ox++) {
      let acc = 0;
      for (let ky = 0; ky < kh; ky++) {
        for (let kx = 0; kx < kw; kx++) {
          const iy = oy * s + ky - top;
          const ix = ox * s + kx - left;
          if (iy >= 0 && iy < h && ix >= 0 && ix < w) acc += kernel[ky]![kx]! * image[iy]![ix]!;
        }
      }
      row.push(acc);
    }
    out.push(row);
  }
  return out;
}

export interface OverlapCell {
  /** Row and column in the unpadded input; outside it when `padded`. */
  row: number;
  col: number;
  padded: boolean;
  input: number;
  weight: number;
  product: number;
}

export interface ConvStep {
  outRow: number;
  outCol: number;
  /** Top-left corner of the window, in unpadded input coordinates (negative inside the padding). */
  top: number;
  left: number;
  cells: OverlapCell[][];
  sum: number;
}

/** Every output cell in reading order, with the window it sees and its inner product. */
export function convolutionSteps(image: Matrix, kernel: Matrix, spec: ConvSpec): ConvStep[] {
  const h = image.length;
  const w = image[0]?.length ?? 0;
  const g = convGeometry(h, w, kernel.length, kernel[0]?.length ?? 0, spec);
  const steps: ConvStep[] = [];
  for (let outRow = 0; outRow < g.outH; outRow++) {
    for (let outCol = 0; outCol < g.outW; outCol++) {
      const top = outRow * spec.stride - g.padTop;
      const left = outCol * spec.stride - g.padLeft;
      const cells = kernel.map((kRow, ky) =>
        kRow.map((weight, kx) => {
          const row = top + ky;
          const col = left + kx;
          const padded = row < 0 || row >= h || col < 0 || col >= w;
          const input = padded ? 0 : image[row]![col]!;
          return { row, col, padded, input, weight, product: input * weight };
        }),
      );
      const sum = cells.flat().reduce((acc, c) => acc + c.product, 0);
      steps.push({ outRow, outCol, top, left, cells, sum });
    }
  }
  return steps;
}

/** The output grid the steps fill in. */
export function assembleSteps(steps: readonly ConvStep[], geometry: Pick<ConvGeometry, 'outH' | 'outW'>): Matrix {
  const out: Matrix = Array.from({ length: geometry.outH }, () => new Array<number>(geometry.outW).fill(Number.NaN));
  for (const s of steps) out[s.outRow]![s.outCol] = s.sum;
  return out;
}

/** The same convolution with `tf.conv2d` (NHWC, one channel in and out). */
export async function conv2dTf(tf: Tf, image: Matrix, kernel: Matrix, spec: ConvSpec): Promise<Matrix> {
  const h = image.length;
  const w = image[0]?.length ?? 0;
  const kh = kernel.length;
  const kw = kernel[0]?.length ?? 0;
  const g = convGeometry(h, w, kh, kw, spec);
  const y = tf.tidy(() => {
    const x = tf.tensor4d(image.flat(), [1, h, w, 1]);
    const f = tf.tensor4d(kernel.flat(), [kh, kw, 1, 1]);
    // A numeric pad goes in explicitly: tfjs 4.22 sizes the output of `pad: number` from the
    // kernel's height alone, which is wrong for non-square kernels.
    const pad =
      typeof spec.padding === 'number'
        ? ([[0, 0], [g.padTop, g.padBottom], [g.padLeft, g.padRight], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]])
        : spec.padding;
    return tf.conv2d(x, f, spec.stride, pad);
  });
  try {
    const shape = y.shape;
    if (shape[1] !== g.outH || shape[2] !== g.outW) {
      throw new Error(`tf.conv2d returned ${shape[1]}×${shape[2]}, expected ${g.outH}×${g.outW}`);
    }
    return toMatrix(await y.data(), g.outH, g.outW);
  } finally {
    y.dispose();
  }
}

export const KERNELS = {
  edge: { label: 'Edge (Laplacian)', kernel: [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]] },
  blur: { label: 'Blur (Gaussian)', kernel: [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]] },
  sharpen: { label: 'Sharpen', kernel: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]] },
  vertical: { label: 'Vertical edges (Sobel)', kernel: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]] },
} as const satisfies Record<string, { label: string; kernel: ReadonlyMatrix }>;
export type KernelName = keyof typeof KERNELS;

export const IMAGES = {
  square: {
    label: 'Bright square',
    image: [
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 9, 9, 9, 9, 0, 0],
      [0, 0, 9, 9, 9, 9, 0, 0],
      [0, 0, 9, 9, 9, 9, 0, 0],
      [0, 0, 9, 9, 9, 9, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
    ],
  },
  diagonal: {
    label: 'Diagonal line',
    image: [
      [9, 3, 0, 0, 0, 0, 0, 0],
      [3, 9, 3, 0, 0, 0, 0, 0],
      [0, 3, 9, 3, 0, 0, 0, 0],
      [0, 0, 3, 9, 3, 0, 0, 0],
      [0, 0, 0, 3, 9, 3, 0, 0],
      [0, 0, 0, 0, 3, 9, 3, 0],
      [0, 0, 0, 0, 0, 3, 9, 3],
      [0, 0, 0, 0, 0, 0, 3, 9],
    ],
  },
  gradient: {
    label: 'Left-to-right ramp',
    image: Array.from({ length: 8 }, () => [0, 1, 2, 3, 4, 5, 6, 7]),
  },
} as const satisfies Record<string, { label: string; image: ReadonlyMatrix }>;
export type ImageName = keyof typeof IMAGES;

/** Mutable copies of the presets (they are read-only constants). */
export function copyMatrix(m: ReadonlyMatrix): Matrix {
  return m.map((row) => [...row]);
}
