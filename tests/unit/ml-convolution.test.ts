import { beforeAll, describe, expect, test } from 'vitest';
import type { Tf } from '../../src/lib/ml/backend';
import {
  IMAGES,
  KERNELS,
  assembleSteps,
  conv2dTf,
  convGeometry,
  convolutionSteps,
  convolveReference,
  copyMatrix,
  type ConvSpec,
  type Matrix,
} from '../../src/lib/ml/convolution';
import { cpuTf, expectClose } from './ml-tf-cpu';

let tf: Tf;
beforeAll(async () => {
  tf = await cpuTf();
});

const specs: ConvSpec[] = [
  { stride: 1, padding: 'valid' },
  { stride: 1, padding: 'same' },
  { stride: 2, padding: 'valid' },
  { stride: 2, padding: 'same' },
  { stride: 1, padding: 1 },
  { stride: 2, padding: 1 },
  { stride: 3, padding: 2 },
];

describe('convolution geometry', () => {
  test.each([
    [8, 3, { stride: 1, padding: 'valid' }, 6, 0],
    [8, 3, { stride: 1, padding: 'same' }, 8, 1],
    [8, 3, { stride: 2, padding: 'same' }, 4, 0],
    [7, 3, { stride: 2, padding: 'same' }, 4, 1],
    [8, 3, { stride: 2, padding: 1 }, 4, 1],
  ] as const)('input %i, kernel %i, %o → output %i, leading pad %i', (size, k, spec, out, pad) => {
    const g = convGeometry(size, size, k, k, spec);
    expect(g.outH).toBe(out);
    expect(g.padTop).toBe(pad);
  });

  test('a kernel larger than the padded input is refused', () => {
    expect(() => convGeometry(2, 2, 3, 3, { stride: 1, padding: 'valid' })).toThrow('larger');
  });
});

describe('convolution', () => {
  test('the reference on a worked example (no kernel flip)', () => {
    const image = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    const kernel = [[1, 0], [0, -1]];
    expect(convolveReference(image, kernel, { stride: 1, padding: 'valid' })).toEqual([[-4, -4], [-4, -4]]);
  });

  for (const [imageName, { image }] of Object.entries(IMAGES)) {
    for (const [kernelName, { kernel }] of Object.entries(KERNELS)) {
      test.each(specs)(`${imageName} * ${kernelName}, %o: tf.conv2d = steps = reference`, async (spec) => {
        const img = copyMatrix(image);
        const ker = copyMatrix(kernel);
        const expected = convolveReference(img, ker, spec);
        const before = tf.memory().numTensors;
        const actual = await conv2dTf(tf, img, ker, spec);
        expect(tf.memory().numTensors).toBe(before);
        expect([actual.length, actual[0]!.length]).toEqual([expected.length, expected[0]!.length]);
        expectClose(actual.flat(), expected.flat());
        const steps = convolutionSteps(img, ker, spec);
        const g = convGeometry(img.length, img[0]!.length, ker.length, ker[0]!.length, spec);
        expectClose(assembleSteps(steps, g).flat(), expected.flat());
      });
    }
  }

  test('a non-square kernel on a non-square input', async () => {
    const image: Matrix = [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [0, 1, 0, 1, 0]];
    const kernel: Matrix = [[1, 2], [3, 4], [5, 6]];
    for (const spec of specs.filter((s) => s.padding !== 'valid' || s.stride === 1)) {
      expectClose((await conv2dTf(tf, image, kernel, spec)).flat(), convolveReference(image, kernel, spec).flat());
    }
  });

  test('each step lists the overlap, marks padding, and its products sum to the cell', () => {
    const image = copyMatrix(IMAGES.square.image);
    const steps = convolutionSteps(image, copyMatrix(KERNELS.edge.kernel), { stride: 1, padding: 1 });
    expect(steps).toHaveLength(64);
    const first = steps[0]!;
    expect([first.top, first.left]).toEqual([-1, -1]);
    expect(first.cells[0]![0]!.padded).toBe(true);
    expect(first.cells[1]![1]!.padded).toBe(false);
    for (const s of steps) {
      expect(s.sum).toBeCloseTo(s.cells.flat().reduce((acc, c) => acc + c.input * c.weight, 0), 12);
    }
  });
});
