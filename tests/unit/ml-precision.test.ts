import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import {
  CHAIN_DEPTH,
  CHAIN_PARAMETERS,
  CHAIN_WIDTH,
  FORMAT_INFO,
  chainGradients,
  fate,
  fateHistogram,
  gradientMismatches,
  makeChain,
  roundTo,
  storeScaled,
  tfChainGradients,
  type SigmoidChain,
} from '../../src/lib/ml/precision';
import { mulberry32 } from '../../src/lib/ml/random';
import { cpuTf } from './ml-tf-cpu';

/** float32 → float16 bits → value, the way a GPU converts (independent of the arithmetic version). */
function viaFloat16Bits(x: number): number {
  const f32 = new Float32Array([x]);
  const bits = new Uint32Array(f32.buffer)[0]!;
  const sign = bits >>> 31;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  let h: number;
  if (exp === 0xff) h = (sign << 15) | 0x7c00 | (mant ? 0x200 : 0);
  else {
    const e = exp - 127 + 15;
    if (e >= 0x1f) h = (sign << 15) | 0x7c00;
    else if (e <= 0) {
      if (e < -10) h = sign << 15;
      else {
        const m = mant | 0x800000;
        const shift = 14 - e;
        let half = m >>> shift;
        const rem = m & ((1 << shift) - 1);
        const mid = 1 << (shift - 1);
        if (rem > mid || (rem === mid && half & 1)) half++;
        h = (sign << 15) | half;
      }
    } else {
      let half = (e << 10) | (mant >>> 13);
      const rem = mant & 0x1fff;
      if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
      h = (sign << 15) | half;
    }
  }
  const s = h & 0x8000 ? -1 : 1;
  const he = (h >>> 10) & 0x1f;
  const hm = h & 0x3ff;
  if (he === 0x1f) return hm ? Number.NaN : s * Number.POSITIVE_INFINITY;
  if (he === 0) return s * hm * 2 ** -24;
  return s * (1 + hm / 1024) * 2 ** (he - 15);
}

/** bfloat16: the top 16 bits of float32, rounded to nearest even. */
function viaBfloat16Bits(x: number): number {
  const f32 = new Float32Array([x]);
  const u = new Uint32Array(f32.buffer);
  const bits = u[0]!;
  const rounded = (bits + 0x7fff + ((bits >>> 16) & 1)) >>> 0;
  u[0] = rounded & 0xffff0000;
  return f32[0]!;
}

describe('emulated 16-bit formats', () => {
  test('format limits', () => {
    expect(FORMAT_INFO.float16.max).toBe(65504);
    expect(FORMAT_INFO.float16.minSubnormal).toBe(2 ** -24);
    expect(FORMAT_INFO.float16.minNormal).toBe(2 ** -14);
    expect(FORMAT_INFO.bfloat16.max).toBeCloseTo(3.3895313892515355e38, -30);
  });

  test.each([
    ['float16', 1 + 2 ** -11, 1], // a tie rounds to even
    ['float16', 1 + 3 * 2 ** -11, 1 + 2 ** -9],
    ['float16', 65504, 65504],
    ['float16', 65519, 65504],
    ['float16', 65520, Infinity],
    ['float16', 2 ** -25, 0], // half the smallest subnormal: a tie, to even (0)
    ['float16', 1e-8, 0],
    ['float16', 3e-8, 2 ** -24],
    ['float16', -0.1, -0.0999755859375],
    ['bfloat16', 1 + 2 ** -8, 1],
    ['bfloat16', 0.1, 0.10009765625],
    ['bfloat16', 1e-30, viaBfloat16Bits(1e-30)],
  ] as const)('%s(%d) = %d', (format, x, expected) => {
    expect(roundTo(format, x)).toBe(expected);
  });

  test('the arithmetic rounding equals bit-level conversion on 20,000 float32 values', () => {
    const rng = mulberry32(42);
    for (let i = 0; i < 20_000; i++) {
      const x = Math.fround((rng() < 0.5 ? -1 : 1) * 2 ** (rng() * 80 - 40) * (1 + rng()));
      expect(roundTo('float16', x)).toBe(viaFloat16Bits(x));
      expect(roundTo('bfloat16', x)).toBe(viaBfloat16Bits(x));
    }
  });

  test('fates and loss scaling', () => {
    expect(fate('float16', 1e-9)).toBe('underflow');
    expect(fate('float16', 1e6)).toBe('overflow');
    expect(fate('float16', 0.5)).toBe('exact');
    expect(fate('bfloat16', 1e-9)).toBe('rounded');
    const grads = [1e-9, 3e-7, 1e-3, 0.5];
    const plain = storeScaled('float16', grads, 1);
    expect(plain.underflow).toBe(1);
    const scale = 2 ** 17;
    const scaled = storeScaled('float16', grads.map((g) => g * scale), scale);
    expect(scaled.underflow).toBe(0);
    expect(scaled.overflow).toBe(1); // 0.5 · 131072 > 65504
    expect(scaled.medianRelError).toBeLessThan(2 ** -10);
  });
});

describe('the sigmoid chain whose gradients the widget stores', () => {
  let tf: Tf;
  beforeAll(async () => {
    tf = await cpuTf();
  });

  test('the hand-written backpropagation equals finite differences of the loss', () => {
    const chain = makeChain(3);
    const loss = (c: SigmoidChain) => {
      let total = 0;
      for (let j = 0; j < CHAIN_WIDTH; j++) {
        let h = c.x[j]!;
        for (let k = 0; k < CHAIN_DEPTH; k++) h = 1 / (1 + Math.exp(-(c.w[k]![j]! * h + c.b[k]![j]!)));
        total += 0.5 * (h - c.target[j]!) ** 2;
      }
      return total;
    };
    const grads = chainGradients(chain);
    expect(grads).toHaveLength(CHAIN_PARAMETERS);
    // The last layer's weights and the second layer's biases; deeper ones drown in rounding.
    for (const [kind, k, j] of [['w', CHAIN_DEPTH - 1, 0], ['w', CHAIN_DEPTH - 1, 7], ['b', CHAIN_DEPTH - 2, 3], ['b', CHAIN_DEPTH - 3, 9]] as const) {
      const eps = 1e-6;
      const shifted = (d: number) => {
        const c = structuredClone(chain);
        c[kind][k]![j]! += d;
        return loss(c);
      };
      const fd = (shifted(eps) - shifted(-eps)) / (2 * eps);
      const index = (kind === 'w' ? 0 : CHAIN_DEPTH * CHAIN_WIDTH) + k * CHAIN_WIDTH + j;
      expect(grads[index]).toBeCloseTo(fd, 8);
    }
  });

  test('the gradients span about ten orders of magnitude, shrinking with depth', () => {
    const grads = chainGradients(makeChain(1));
    const logs = grads.map((g) => Math.log2(Math.abs(g)));
    expect(Math.max(...logs)).toBeGreaterThan(-5);
    expect(Math.min(...logs)).toBeLessThan(-30);
    const layerMean = (k: number) => logs.slice(k * CHAIN_WIDTH, (k + 1) * CHAIN_WIDTH).reduce((a, b) => a + b, 0) / CHAIN_WIDTH;
    expect(layerMean(CHAIN_DEPTH - 1) - layerMean(0)).toBeGreaterThan(15);
  });

  test.each([0, 10, 24])('tf.grads of S·L with S = 2^%i equals S times the float64 gradient, nothing leaks', async (k) => {
    const chain = makeChain(42);
    const before = tf.memory().numTensors;
    const got = await tfChainGradients(tf, chain, 2 ** k);
    expect(tf.memory().numTensors).toBe(before);
    expect(gradientMismatches(got, chainGradients(chain).map((g) => g * 2 ** k))).toEqual([]);
  });

  test('the relative comparison catches a wrong tiny gradient that an absolute one would miss', () => {
    expect(gradientMismatches([1e-12, 0.5], [1e-12, 0.5])).toEqual([]);
    expect(gradientMismatches([1.001e-12, 0.5], [1e-12, 0.5])).toEqual([0]);
    expect(gradientMismatches([1e-12], [1e-12, 0.5])).toEqual([1]);
  });

  test('loss scaling rescues the float16 gradients: none lost at S = 2^16, many at S = 1', () => {
    const grads = chainGradients(makeChain(1)).map(Math.fround);
    const at = (k: number) => storeScaled('float16', grads.map((g) => g * 2 ** k), 2 ** k);
    expect(at(0).underflow).toBeGreaterThan(100);
    expect(at(16)).toMatchObject({ underflow: 0, overflow: 0, kept: CHAIN_PARAMETERS });
    expect(at(24).overflow).toBeGreaterThan(0);
    expect(storeScaled('bfloat16', grads, 1).underflow).toBe(0);
  });

  test('the fate histogram bins by binade, clamps the ends and agrees with storeScaled', () => {
    const bins = fateHistogram('float16', [2 ** -30, 2 ** -24, 3 * 2 ** -24, 1, 1e5, 2 ** -60, 2 ** 40], -40, 24);
    expect(bins).toHaveLength(64);
    const at = (log2: number) => bins.find((b) => b.log2 === log2);
    expect(at(-30)).toMatchObject({ underflow: 1, kept: 0 });
    expect(at(-24)).toMatchObject({ kept: 1 });
    expect(at(-23)).toMatchObject({ kept: 1 });
    expect(at(0)).toMatchObject({ kept: 1 });
    expect(at(16)).toMatchObject({ overflow: 1 });
    expect(at(-40)).toMatchObject({ underflow: 1 });
    expect(at(23)).toMatchObject({ overflow: 1 });
    const grads = chainGradients(makeChain(5)).map((g) => Math.fround(g * 2 ** 6));
    const counts = storeScaled('float16', grads, 2 ** 6);
    const total = (key: 'underflow' | 'kept' | 'overflow') => fateHistogram('float16', grads, -40, 24).reduce((n, b) => n + b[key], 0);
    expect([total('underflow'), total('overflow'), total('kept')]).toEqual([counts.underflow, counts.overflow, counts.kept]);
  });
});
