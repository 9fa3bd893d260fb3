import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chooseMethod,
  depthMirrorOp,
  depthMirrorRatio,
  nuclearNorm,
  nuclearNormOp,
  type DenseMatrix,
} from '../src/index.js';
import {
  finiteDifferenceGradient,
  gaussian,
  maxAbsDiff,
  norm,
  referenceRatio,
  referenceSigma,
  rng,
  withSpectrum,
} from './reference.js';

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  setWasmPaths(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + sep);
  expect(await tf.setBackend('wasm')).toBe(true);
});

const asFloat32 = (a: DenseMatrix): DenseMatrix => ({ ...a, data: Float64Array.from(Float32Array.from(a.data)) });

describe('on the wasm backend (where auto picks Newton–Schulz above 128)', () => {
  it('auto is newton-schulz for a 160x144 weight and matches ml-matrix and finite differences', () => {
    expect(chooseMethod(160, 144, tf.getBackend())).toBe('newton-schulz');
    const a = asFloat32(gaussian(160, 144, rng(31)));
    const x = tf.tensor2d(Float32Array.from(a.data), [160, 144]);
    const { value, grad } = tf.valueAndGrad((w: tf.Tensor) => depthMirrorOp(w))(x);
    expect(Math.abs(value.dataSync()[0]! - referenceRatio(a)) / referenceRatio(a)).toBeLessThan(1e-5);
    // Finite differences on a small weight (160x144 is large for a full FD).
    const g = grad.dataSync();
    const small = asFloat32(gaussian(7, 5, rng(32)));
    const xs = tf.tensor2d(Float32Array.from(small.data), [7, 5]);
    const gs = tf.grad((w: tf.Tensor) => depthMirrorOp(w, 'newton-schulz'))(xs);
    const fd = finiteDifferenceGradient(referenceRatio, small, 1e-6);
    expect(maxAbsDiff(gs.dataSync(), fd) / norm(fd)).toBeLessThan(1e-4);
    // ⟨∇R, W⟩ = 0 on the large one.
    let dot = 0;
    for (let i = 0; i < g.length; i++) dot += g[i]! * a.data[i]!;
    expect(Math.abs(dot) / (norm(g) * norm(a.data))).toBeLessThan(1e-4);
    tf.dispose([x, value, grad, xs, gs]);
  });

  it('keeps float32 summation error small on a 384x384 weight (value within 2e-6 of float64)', () => {
    // A one-pass float32 sum of the 147k products <U Vᵀ, W> is off by ~1.5e-5 here.
    const x = tf.randomNormal([384, 384], 0, 1, 'float32', 5);
    const ours = nuclearNormOp(x, 'newton-schulz');
    const ratio = depthMirrorOp(x, 'newton-schulz');
    const ref = nuclearNorm(x, { method: 'gram' });
    expect(Math.abs(ours.dataSync()[0]! - ref) / ref).toBeLessThan(2e-6);
    const refRatio = depthMirrorRatio(x, { method: 'gram' });
    expect(Math.abs(ratio.dataSync()[0]! - refRatio) / refRatio).toBeLessThan(2e-6);
    tf.dispose([x, ours, ratio]);
  });

  it('nuclear norm of a rank-deficient 100x90 float32 matrix is exact to float32', () => {
    const a = asFloat32(withSpectrum(100, 90, [5, 3, 2, 1, 0.5], rng(33)));
    const v = nuclearNormOp(tf.tensor2d(Float32Array.from(a.data), [100, 90]));
    const ref = referenceSigma(a).reduce((s, x) => s + x, 0);
    expect(Math.abs(v.dataSync()[0]! - ref) / ref).toBeLessThan(1e-5);
  });
});
