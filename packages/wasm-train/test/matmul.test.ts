import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { productFirstIsCheaper } from '../src/kernels/batch-mat-mul.js';
import { sameOnWasmAndCpu, setUpBackends } from './support/backends.js';
import { stored, TRANSPOSES } from './support/matmul-cases.js';
import { randomInt, randomValues, seededRandom } from './support/random.js';

beforeAll(setUpBackends);

describe('BatchMatMul on wasm (transposes laid out before the fast path)', () => {
  const random = seededRandom(11);
  const cases: Array<{ name: string; batchA: number[]; batchB: number[] }> = [
    { name: 'single matrices', batchA: [], batchB: [] },
    { name: 'batch of 3', batchA: [3], batchB: [3] },
    { name: 'shared right operand', batchA: [2, 2], batchB: [1, 1] },
    { name: 'shared left operand', batchA: [1], batchB: [4] },
  ];
  for (const { name, batchA, batchB } of cases) {
    for (const [ta, tb] of TRANSPOSES) {
      it(`${name}, transposeA=${ta}, transposeB=${tb}`, () => {
        const m = randomInt(random, 17, 70);
        const k = randomInt(random, 17, 70);
        const n = randomInt(random, 17, 70);
        const aShape = stored(batchA, m, k, ta);
        const bShape = stored(batchB, k, n, tb);
        const a = randomValues(aShape, random);
        const b = randomValues(bShape, random);
        sameOnWasmAndCpu(() => tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), ta, tb), 1e-5);
      });
    }
  }

  it('keeps its shape checks: mismatched inner dimensions throw', () => {
    expect(() => tf.matMul(tf.ones([4, 5]), tf.ones([6, 3]), true, false)).toThrow(/inner shapes/);
  });

  it('fused matmul (dense layer forward) with transposes, bias and relu matches cpu', () => {
    const random2 = seededRandom(5);
    for (const [ta, tb] of TRANSPOSES) {
      const a = randomValues([1, 40, 33], random2);
      const b = randomValues([1, 33, 29], random2);
      const bias = randomValues([29], random2);
      sameOnWasmAndCpu(
        () =>
          tf.fused.matMul({
            a: tf.tensor3d(a, ta ? [1, 33, 40] : [1, 40, 33]),
            b: tf.tensor3d(b, tb ? [1, 29, 33] : [1, 33, 29]),
            transposeA: ta,
            transposeB: tb,
            bias: tf.tensor1d(bias),
            activation: 'relu',
          }),
        1e-5,
      );
    }
  });

  it('gradients of a matmul chain match cpu', () => {
    const random3 = seededRandom(9);
    const x = randomValues([32, 48], random3);
    const w1 = randomValues([48, 40], random3);
    const w2 = randomValues([40, 8], random3);
    sameOnWasmAndCpu(() =>
      tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.square(tf.matMul(tf.relu(tf.matMul(a, b)), c))))(
        [tf.tensor2d(x, [32, 48]), tf.tensor2d(w1, [48, 40]), tf.tensor2d(w2, [40, 8])],
      ),
    );
  });
});

describe('productFirstIsCheaper (choice of what to transpose)', () => {
  it('transposes the small activation rather than a large weight for dx = dy W^T', () => {
    // dy [128, 512], W [784, 512]: computing (W dy^T)^T moves fewer floats.
    expect(productFirstIsCheaper(128, 512, 784, false, true)).toBe(true);
  });
  it('transposes the activation for dW = x^T dy', () => {
    expect(productFirstIsCheaper(784, 128, 512, true, false)).toBe(false);
  });
});
