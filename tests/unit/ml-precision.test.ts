import { describe, expect, test } from 'vitest';
import { FORMAT_INFO, fate, roundTo, storeScaled } from '../../src/lib/ml/precision';
import { mulberry32 } from '../../src/lib/ml/random';

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
