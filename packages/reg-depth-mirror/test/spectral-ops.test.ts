import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { SingularValueDecomposition } from 'ml-matrix';
import { setFloat64Accelerator } from '@rankbias/core';
import { loadLapack } from '@rankbias/linalg-lapack';
import {
  chooseMethod,
  depthMirrorOp,
  newtonSchulzPolar,
  nuclearNormOp,
  singularValues,
  type ConcreteSpectralMethod,
  type DenseMatrix,
} from '../src/index.js';
import {
  finiteDifferenceGradient,
  gaussian,
  maxAbsDiff,
  norm,
  referencePolar,
  referenceRatio,
  referenceSigma,
  rng,
  toMl,
  withSpectrum,
} from './reference.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const METHODS: ConcreteSpectralMethod[] = ['jacobi', 'gram', 'newton-schulz'];

/** The float32-rounded matrix a tensor actually holds, as float64. */
function asFloat32(a: DenseMatrix): DenseMatrix {
  return { ...a, data: Float64Array.from(Float32Array.from(a.data)) };
}

function valueAndGrad(op: (x: tf.Tensor) => tf.Scalar, a: DenseMatrix) {
  const x = tf.tensor2d(Float32Array.from(a.data), [a.rows, a.cols]);
  const { value, grad } = tf.valueAndGrad(op)(x);
  const out = { value: value.dataSync()[0]!, grad: Float64Array.from(grad.dataSync()) };
  tf.dispose([x, value, grad]);
  return out;
}

const referenceNuclear = (a: DenseMatrix) => referenceSigma(a).reduce((s, x) => s + x, 0);

describe.each(METHODS)('tfjs ops with method %s', (method) => {
  const inputs: [string, DenseMatrix][] = [
    ['tall 12x7', asFloat32(gaussian(12, 7, rng(21)))],
    ['wide 5x11', asFloat32(gaussian(5, 11, rng(22)))],
    ['conditioned σ 10..0.01, 9x6', asFloat32(withSpectrum(9, 6, [10, 3, 1, 0.3, 0.1, 0.01], rng(23)))],
  ];

  it.each(inputs)('depth-mirror value and gradient match ml-matrix finite differences (%s)', (_label, a) => {
    const { value, grad } = valueAndGrad((x) => depthMirrorOp(x, method), a);
    const ref = referenceRatio(a);
    expect(Math.abs(value - ref) / ref).toBeLessThan(2e-6);
    const fd = finiteDifferenceGradient(referenceRatio, a, 1e-6);
    expect(maxAbsDiff(grad, fd) / norm(fd)).toBeLessThan(1e-4);
  });

  it.each(inputs)('nuclear value and gradient match ml-matrix finite differences (%s)', (_label, a) => {
    const { value, grad } = valueAndGrad((x) => nuclearNormOp(x, method), a);
    const ref = referenceNuclear(a);
    expect(Math.abs(value - ref) / ref).toBeLessThan(2e-6);
    const fd = finiteDifferenceGradient(referenceNuclear, a, 1e-6);
    expect(maxAbsDiff(grad, fd) / norm(fd)).toBeLessThan(1e-4);
  });

  it('is scale invariant and its gradient is orthogonal to A', () => {
    const a = asFloat32(gaussian(10, 6, rng(24)));
    const base = valueAndGrad((x) => depthMirrorOp(x, method), a);
    for (const c of [1e-3, 50]) {
      const scaled = asFloat32({ ...a, data: a.data.map((v) => v * c) });
      expect(valueAndGrad((x) => depthMirrorOp(x, method), scaled).value).toBeCloseTo(base.value, 5);
    }
    let dot = 0;
    for (let i = 0; i < a.data.length; i++) dot += base.grad[i]! * a.data[i]!;
    expect(Math.abs(dot) / (norm(base.grad) * norm(a.data))).toBeLessThan(1e-5);
  });

  it('handles the zero matrix: value 0, gradient 0, no NaN', () => {
    const zero: DenseMatrix = { rows: 5, cols: 4, data: new Float64Array(20) };
    for (const op of [depthMirrorOp, nuclearNormOp]) {
      const { value, grad } = valueAndGrad((x) => op(x, method), zero);
      expect(value).toBe(0);
      expect([...grad].every((g) => g === 0)).toBe(true);
    }
  });

  it('on a rank-deficient float32 matrix: exact value, gradient U Vᵀ on the retained subspace', () => {
    const a = asFloat32(withSpectrum(14, 10, [4, 2, 1], rng(25)));
    const { value, grad } = valueAndGrad((x) => nuclearNormOp(x, method), a);
    expect(Math.abs(value - referenceNuclear(a)) / value).toBeLessThan(2e-6);
    // Project the gradient onto span(U_r) x span(V_r): must be U_r V_rᵀ whatever the method does with the noise.
    const svd = new SingularValueDecomposition(toMl(a), { autoTranspose: true });
    const u = svd.leftSingularVectors.subMatrix(0, 13, 0, 2);
    const v = svd.rightSingularVectors.subMatrix(0, 9, 0, 2);
    const g = toMl({ rows: 14, cols: 10, data: grad });
    const projected = u.transpose().mmul(g).mmul(v).to1DArray();
    expect(maxAbsDiff(projected, [1, 0, 0, 0, 1, 0, 0, 0, 1])).toBeLessThan(1e-4);
    if (method !== 'newton-schulz') {
      // The JS methods pick the minimal-norm subgradient: nothing outside the retained subspace.
      expect(maxAbsDiff(grad, referencePolar(a, 1e-4))).toBeLessThan(1e-5);
    }
  });

  it('gives a NaN value (not an exception) for a weight with NaN or Inf entries', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const x = tf.tensor2d([1, 2, bad, 4], [2, 2]);
      const { value, grad } = tf.valueAndGrad((w: tf.Tensor) => depthMirrorOp(w, method))(x);
      expect(Number.isNaN(value.dataSync()[0])).toBe(true);
      expect(Number.isNaN(grad.dataSync()[0])).toBe(true);
      tf.dispose([x, value, grad]);
    }
  });

  it('views a conv kernel [kh, kw, in, out] as [kh*kw*in, out]', () => {
    const kernel = tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 7);
    const flat: DenseMatrix = { rows: 18, cols: 4, data: Float64Array.from(kernel.dataSync()) };
    const value = depthMirrorOp(kernel, method);
    expect(value.dataSync()[0]).toBeCloseTo(referenceRatio(flat), 5);
    tf.dispose([kernel, value]);
  });

  it('leaks no tensors through value and gradient', () => {
    const x = tf.randomNormal([8, 5], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const g = tf.tidy(() => tf.grad((w: tf.Tensor) => depthMirrorOp(w, method))(x));
      g.dispose();
      tf.tidy(() => {
        nuclearNormOp(x, method);
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('singularValues of a tensor', () => {
  it('reads a conv kernel as [kh*kw*in, out] and matches ml-matrix', () => {
    const k = tf.randomNormal([3, 3, 2, 5], 0, 1, 'float32', 9);
    const flat: DenseMatrix = { rows: 18, cols: 5, data: Float64Array.from(k.dataSync()) };
    const ours = singularValues(k);
    expect(ours).toBeInstanceOf(Float64Array);
    expect(maxAbsDiff(ours, referenceSigma(flat))).toBeLessThan(1e-10);
    k.dispose();
  });
});

describe('newtonSchulzPolar', () => {
  it('converges to U Vᵀ of a moderately ill-conditioned matrix (σ 1..1e-3)', () => {
    const a = asFloat32(withSpectrum(12, 8, [1, 0.5, 0.2, 0.1, 0.05, 0.01, 0.005, 0.001], rng(26)));
    const p = newtonSchulzPolar(tf.tensor2d(Float32Array.from(a.data), [12, 8]));
    expect(maxAbsDiff(p.dataSync(), referencePolar(a, 1e-6))).toBeLessThan(1e-4);
    p.dispose();
  });
});

describe('chooseMethod', () => {
  it('uses Jacobi for small matrices, Gram up to 128, then Gram on cpu and Newton–Schulz where matmul is fast', () => {
    expect(chooseMethod(16, 16, 'cpu')).toBe('jacobi');
    expect(chooseMethod(1000, 64, 'wasm')).toBe('jacobi');
    expect(chooseMethod(100, 100, 'wasm')).toBe('gram');
    expect(chooseMethod(200, 128, 'tensorflow')).toBe('gram');
    expect(chooseMethod(129, 129, 'wasm')).toBe('newton-schulz');
    expect(chooseMethod(512, 256, 'cpu')).toBe('gram');
    expect(chooseMethod(1024, 1024, 'wasm')).toBe('newton-schulz');
    expect(chooseMethod(1024, 1024, 'tensorflow')).toBe('newton-schulz');
  });

  it('uses LAPACK from min(m, n) = 32 on every backend while a float64 accelerator is active', () => {
    setFloat64Accelerator(loadLapack());
    try {
      expect(chooseMethod(16, 16, 'wasm')).toBe('jacobi');
      expect(chooseMethod(1000, 31, 'cpu')).toBe('jacobi');
      expect(chooseMethod(32, 32, 'cpu')).toBe('lapack');
      expect(chooseMethod(100, 100, 'wasm')).toBe('lapack');
      expect(chooseMethod(1024, 1024, 'tensorflow')).toBe('lapack');
    } finally {
      setFloat64Accelerator(undefined);
    }
    expect(chooseMethod(100, 100, 'wasm')).toBe('gram');
  });
});
