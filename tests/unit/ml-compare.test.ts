import { describe, expect, test } from 'vitest';
import { formatNumber, mismatches, toMatrix, withinTolerance } from '../../src/lib/ml/compare';
import { backendOrder, describeBackend, parseBackendParam } from '../../src/lib/ml/backend';

describe('withinTolerance', () => {
  test.each([
    [1, 1, true],
    [1 + 1e-5, 1, true],
    [1 + 2e-4, 1, false],
    [1000.05, 1000, true],
    [1000.2, 1000, false],
    [9e-6, 0, true],
    [2e-5, 0, false],
    [Number.NaN, Number.NaN, true],
    [Number.NaN, 0, false],
  ])('%d against %d → %s', (actual, expected, ok) => {
    expect(withinTolerance(actual, expected)).toBe(ok);
  });

  test('mismatches reports positions and length differences', () => {
    expect(mismatches([1, 2, 3], [1, 2.5, 3])).toEqual([{ index: 1, actual: 2, expected: 2.5 }]);
    expect(mismatches([1], [1, 2])).toHaveLength(1);
  });
});

test('toMatrix and formatNumber', () => {
  expect(toMatrix(new Float32Array([1, 2, 3, 4, 5, 6]), 2, 3)).toEqual([[1, 2, 3], [4, 5, 6]]);
  expect(formatNumber(-0.12345)).toBe('−0.123');
  expect(formatNumber(-0.0001)).toBe('0');
  expect(formatNumber(2)).toBe('2');
});

describe('backend choice', () => {
  test.each([
    ['?backend=webgpu', 'webgpu'],
    ['?backend=WebGL', 'webgl'],
    ['?x=1&backend=cpu', 'cpu'],
    ['?backend=tpu', null],
    ['', null],
  ])('%s → %s', (search, expected) => {
    expect(parseBackendParam(search)).toBe(expected);
  });

  test('the order is WebGPU, WebGL, CPU unless forced or excluded', () => {
    expect(backendOrder(null)).toEqual(['webgpu', 'webgl', 'cpu']);
    expect(backendOrder('webgl')).toEqual(['webgl']);
    expect(backendOrder(null, new Set(['webgpu']))).toEqual(['webgl', 'cpu']);
  });

  test('the description names the adapter', () => {
    const text = describeBackend({
      name: 'webgpu',
      forced: false,
      adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
      fallbacks: [],
      loadMs: 1,
    });
    expect(text).toBe('WebGPU · google swiftshader · software adapter');
  });
});
