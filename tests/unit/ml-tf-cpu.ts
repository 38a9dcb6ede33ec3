/** tfjs-core on its CPU backend in Node, with the widget gradients registered, for the ml-* tests. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { expect } from 'vitest';
import { mismatches } from '../../src/lib/ml/compare';
import { registerWidgetGradients } from '../../src/lib/ml/gradients';
import type { Tf } from '../../src/lib/ml/backend';

export async function cpuTf(): Promise<Tf> {
  tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner
  registerWidgetGradients(tf);
  if (!(await tf.setBackend('cpu'))) throw new Error('the tfjs cpu backend did not start');
  return tf;
}

/** |actual − expected| ≤ 1e-5 + 1e-4·|expected| at every position, with the offenders listed. */
export function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(mismatches(actual, expected)).toEqual([]);
}
