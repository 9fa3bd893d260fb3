import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setWasmMatMulGemm, wasmMatMulGemm, type Float32Gemm } from '../src/index.js';
import { sameOnWasmAndCpu, setUpBackends } from './support/backends.js';
import { stored, TRANSPOSES } from './support/matmul-cases.js';
import { randomInt, randomValues, seededRandom } from './support/random.js';

beforeAll(setUpBackends);
afterEach(() => setWasmMatMulGemm(undefined));

/**
 * A gemm with the contract of `Float32Gemm`, written as a plain loop (the
 * reference here is the cpu backend, so any slip in the flags, leading
 * dimensions or batch offsets the kernels pass shows up as a mismatch). It
 * counts its calls, to tell the gemm route from the XNNPACK fallback.
 */
function countingGemm(): { gemm: Float32Gemm; calls: () => number } {
  let calls = 0;
  const gemm: Float32Gemm = (transposeA, transposeB, m, n, k, a, b, c) => {
    calls++;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++)
          s += a[transposeA ? p * m + i : i * k + p]! * b[transposeB ? j * k + p : p * n + j]!;
        c[i * n + j] = s;
      }
  };
  return { gemm, calls: () => calls };
}

describe('BatchMatMul on wasm through a native gemm (setWasmMatMulGemm)', () => {
  const random = seededRandom(23);
  const cases = [
    { name: 'single matrices', batchA: [], batchB: [] },
    { name: 'batch of 3', batchA: [3], batchB: [3] },
    { name: 'shared right operand (folded into the rows)', batchA: [2, 2], batchB: [1, 1] },
    { name: 'shared left operand', batchA: [1], batchB: [4] },
  ];
  for (const { name, batchA, batchB } of cases) {
    for (const [ta, tb] of TRANSPOSES) {
      it(`${name}, transposeA=${ta}, transposeB=${tb}: as cpu, through the gemm`, () => {
        const { gemm, calls } = countingGemm();
        setWasmMatMulGemm(gemm);
        const [m, k, n] = [randomInt(random, 3, 30), randomInt(random, 3, 30), randomInt(random, 3, 30)];
        const aShape = stored(batchA, m, k, ta);
        const bShape = stored(batchB, k, n, tb);
        const a = randomValues(aShape, random);
        const b = randomValues(bShape, random);
        sameOnWasmAndCpu(() => tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), ta, tb), 1e-5);
        expect(calls()).toBeGreaterThan(0);
      });
    }
  }

  it('batches that broadcast both ways ([2,1] with [1,3]) take the XNNPACK route, still as cpu', () => {
    const { gemm, calls } = countingGemm();
    setWasmMatMulGemm(gemm);
    const random2 = seededRandom(4);
    const a = randomValues([2, 1, 5, 6], random2);
    const b = randomValues([1, 3, 6, 4], random2);
    sameOnWasmAndCpu(() => tf.matMul(tf.tensor(a, [2, 1, 5, 6]), tf.tensor(b, [1, 3, 6, 4])), 1e-5);
    expect(calls()).toBe(0);
  });

  it('an empty inner dimension gives zeros, an empty output an empty tensor', () => {
    setWasmMatMulGemm(countingGemm().gemm);
    sameOnWasmAndCpu(() => tf.matMul(tf.ones([3, 0]), tf.ones([0, 4])));
    sameOnWasmAndCpu(() => tf.matMul(tf.ones([0, 5]), tf.ones([5, 4])));
  });

  it('gradients of a matmul chain (every transpose the backward pass asks for) match cpu', () => {
    const { gemm, calls } = countingGemm();
    setWasmMatMulGemm(gemm);
    const random2 = seededRandom(8);
    const x = randomValues([7, 12], random2);
    const w1 = randomValues([12, 9], random2);
    const w2 = randomValues([9, 5], random2);
    sameOnWasmAndCpu(() => {
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(tf.matMul(tf.tensor2d(x, [7, 12]), a), b)));
      return tf.grads(f)([tf.tensor2d(w1, [12, 9]), tf.tensor2d(w2, [9, 5])]);
    }, 1e-5);
    expect(calls()).toBeGreaterThanOrEqual(5); // two forward products, three backward ones at least
  });

  it('unset, the XNNPACK route runs again; the setting is one per process (every copy of the package)', () => {
    const { gemm, calls } = countingGemm();
    setWasmMatMulGemm(gemm);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('rankbias.wasm-train.gemm')]).toBe(gemm);
    setWasmMatMulGemm(undefined);
    expect(wasmMatMulGemm()).toBeUndefined();
    sameOnWasmAndCpu(() => tf.matMul(tf.ones([4, 5]), tf.ones([5, 6])));
    expect(calls()).toBe(0);
  });
});

describe('_FusedMatMul on wasm through a native gemm: bias and activation applied after the product', () => {
  const random = seededRandom(31);
  const biasShapes: Array<{ name: string; shape: number[] }> = [
    { name: 'no bias', shape: [] },
    { name: 'a bias per column', shape: [11] },
    { name: 'a [1, n] bias', shape: [1, 11] },
    { name: 'a scalar bias', shape: [1] },
    { name: 'a bias per element', shape: [2, 9, 11] },
  ];
  const activations = ['linear', 'relu', 'relu6', 'leakyrelu', 'elu', 'sigmoid'] as const;
  for (const { name, shape } of biasShapes) {
    for (const activation of activations) {
      it(`${name}, ${activation}: as cpu, through the gemm`, () => {
        const { gemm, calls } = countingGemm();
        setWasmMatMulGemm(gemm);
        const a = randomValues([2, 9, 7], random).map((v) => v * 8); // reach relu6's cap and elu's tail
        const b = randomValues([2, 7, 11], random);
        const bias = shape.length ? randomValues(shape, random) : undefined;
        sameOnWasmAndCpu(
          () =>
            tf.fused.matMul({
              a: tf.tensor3d(a, [2, 9, 7]),
              b: tf.tensor3d(b, [2, 7, 11]),
              bias: bias ? tf.tensor(bias, shape) : undefined,
              activation,
              leakyreluAlpha: 0.3,
            }),
          1e-5,
        );
        expect(calls()).toBe(2);
      });
    }
  }

  it('with transposed operands (a dense layer backward through the fused op) as cpu', () => {
    const { gemm, calls } = countingGemm();
    setWasmMatMulGemm(gemm);
    for (const [ta, tb] of TRANSPOSES) {
      const a = randomValues([1, 13, 6], random);
      const b = randomValues([1, 6, 10], random);
      const bias = randomValues([10], random);
      sameOnWasmAndCpu(
        () =>
          tf.fused.matMul({
            a: tf.tensor3d(a, ta ? [1, 6, 13] : [1, 13, 6]),
            b: tf.tensor3d(b, tb ? [1, 10, 6] : [1, 6, 10]),
            transposeA: ta,
            transposeB: tb,
            bias: tf.tensor1d(bias),
            activation: 'relu',
          }),
        1e-5,
      );
    }
    expect(calls()).toBe(4);
  });

  it('prelu takes the XNNPACK route, still as cpu', () => {
    const { gemm, calls } = countingGemm();
    setWasmMatMulGemm(gemm);
    const a = randomValues([1, 5, 4], random);
    const b = randomValues([1, 4, 6], random);
    const alpha = randomValues([6], random);
    sameOnWasmAndCpu(
      () =>
        tf.fused.matMul({
          a: tf.tensor3d(a, [1, 5, 4]),
          b: tf.tensor3d(b, [1, 4, 6]),
          activation: 'prelu',
          preluActivationWeights: tf.tensor1d(alpha),
        }),
      1e-5,
    );
    expect(calls()).toBe(0);
  });
});
