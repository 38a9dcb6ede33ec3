/**
 * How close is close enough: |actual − expected| ≤ atol + rtol·|expected|, the rule every widget
 * and every test uses to compare tfjs (float32, any backend) with the float64 references.
 */
export const ABS_TOLERANCE = 1e-5;
export const REL_TOLERANCE = 1e-4;

export function withinTolerance(actual: number, expected: number, atol = ABS_TOLERANCE, rtol = REL_TOLERANCE): boolean {
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected);
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

export interface Mismatch {
  index: number;
  actual: number;
  expected: number;
}

/** Every position where two flat lists disagree beyond the tolerance (also a length mismatch). */
export function mismatches(actual: readonly number[], expected: readonly number[]): Mismatch[] {
  const out: Mismatch[] = [];
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i] ?? Number.NaN;
    const e = expected[i] ?? Number.NaN;
    if (i >= actual.length || i >= expected.length || !withinTolerance(a, e)) out.push({ index: i, actual: a, expected: e });
  }
  return out;
}

export type Matrix = number[][];

export function flatten(m: readonly (readonly number[])[]): number[] {
  return m.flat();
}

/** Rows of `cols` numbers from a flat typed array, as tfjs returns them. */
export function toMatrix(values: ArrayLike<number>, rows: number, cols: number): Matrix {
  const out: Matrix = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) row.push(values[i * cols + j] ?? Number.NaN);
    out.push(row);
  }
  return out;
}

/** Compact number formatting for cells: up to `digits` decimals, no trailing zeros, "−" sign. */
export function formatNumber(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const rounded = Number(x.toFixed(digits));
  const text = (Object.is(rounded, -0) ? 0 : rounded).toString();
  return text.replace('-', '−');
}
