import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '@rankbias/core';
import { Matrix, SingularValueDecomposition, solve } from 'ml-matrix';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  linearTeacherTask,
  reluTeacherTask,
  type LinearTeacherOptions,
  type ReluTeacherOptions,
} from '../../src/tasks/teacher-student.js';
import { gelu, neuronTeacher } from '../../src/tasks/teachers.js';
import { randomOrthonormal } from '../../src/tasks/orthonormal.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const relu: ReluTeacherOptions = {
  n: 4000,
  nTest: 200,
  nValidation: 0,
  labelNoise: 0,
  dim: 5,
  teacher: 'linear',
  teacherWidth: 2,
  teacherNorm: 1,
  noiseStd: 0.5,
  testNoise: false,
};
const lin: LinearTeacherOptions = {
  n: 400,
  nTest: 100,
  nValidation: 0,
  labelNoise: 0,
  inputDim: 8,
  outputDim: 6,
  singularValues: [4, 2, 1, 0.5],
  noiseStd: 0,
  testNoise: false,
};

function toMatrix(a: Float32Array, cols: number): Matrix {
  return new Matrix(
    Array.from({ length: a.length / cols }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols))),
  );
}

/** Ordinary least squares B̂ (inputs × outputs) of Y on X, via ml-matrix. */
function ols(x: Float32Array, y: Float32Array, inputs: number, outputs: number): Matrix {
  const X = toMatrix(x, inputs);
  const Y = toMatrix(y, outputs);
  return solve(X.transpose().mmul(X), X.transpose().mmul(Y));
}

function residualVariance(x: Float32Array, y: Float32Array, inputs: number, outputs: number, B: Matrix): number {
  const R = toMatrix(y, outputs).sub(toMatrix(x, inputs).mmul(B));
  return R.to1DArray().reduce((s, v) => s + v * v, 0) / R.to1DArray().length;
}

describe('relu-teacher (optimization-threshold data)', () => {
  it('linear teacher: y = ⟨β*, x⟩ + ε with ‖β*‖ = 1, Var ε = σ², clean test targets', () => {
    const ds = reluTeacherTask(relu, createRng(1), createRng(2));
    expect([ds.task, ds.outputSize, ds.inputShape]).toEqual(['regression', 1, [5]]);
    const train = ds.arrays('train');
    const beta = ols(train.x as Float32Array, train.y as Float32Array, 5, 1);
    expect(beta.norm()).toBeCloseTo(1, 1);
    expect(residualVariance(train.x as Float32Array, train.y as Float32Array, 5, 1, beta) / 0.25).toBeCloseTo(1, 1);
    const test = ds.arrays('test');
    expect(residualVariance(test.x as Float32Array, test.y as Float32Array, 5, 1, beta)).toBeLessThan(2e-3);
    const noisyTest = reluTeacherTask({ ...relu, testNoise: true }, createRng(1), createRng(2)).arrays('test');
    expect(residualVariance(noisyTest.x as Float32Array, noisyTest.y as Float32Array, 5, 1, beta)).toBeGreaterThan(
      0.15,
    );
  });

  it('ReLU teacher: positively homogeneous, not linear', () => {
    const t = neuronTeacher(createRng(4), 5, 2, 1, 'relu');
    const x = Float32Array.from([0.3, -1.2, 0.5, 2, -0.7]);
    const out = new Float32Array(3);
    t.evaluate(x, out, 0);
    t.evaluate(
      x.map((v) => 2 * v),
      out,
      1,
    );
    t.evaluate(
      x.map((v) => -v),
      out,
      2,
    );
    expect(out[1]).toBeCloseTo(2 * out[0]!, 5);
    const ds = reluTeacherTask({ ...relu, teacher: 'relu', noiseStd: 0, n: 2000 }, createRng(1), createRng(2));
    const train = ds.arrays('train');
    const fit = ols(train.x as Float32Array, train.y as Float32Array, 5, 1);
    expect(residualVariance(train.x as Float32Array, train.y as Float32Array, 5, 1, fit)).toBeGreaterThan(0.02);
  });

  it('GELU teacher: one neuron a·gelu(⟨w, x⟩) in 1-D is ±gelu(±x), gelu matches z·Φ(z)', () => {
    // Φ(1) = 0.8413447461, Φ(-0.5) = 0.3085375387, Φ(2) = 0.9772498681
    expect(gelu(1)).toBeCloseTo(0.8413447461, 6);
    expect(gelu(-0.5)).toBeCloseTo(-0.5 * 0.3085375387, 6);
    expect(gelu(2)).toBeCloseTo(2 * 0.9772498681, 6);
    expect(gelu(0)).toBe(0);
    const ds = reluTeacherTask(
      { ...relu, teacher: 'gelu', dim: 1, teacherWidth: 1, teacherNorm: 1.5, noiseStd: 0, n: 20 },
      createRng(1),
      createRng(2),
    );
    const { x, y } = ds.arrays('train');
    // the unit direction w is +1 or -1 in one dimension
    const direction = Math.abs(y[0]! - 1.5 * gelu(x[0]!)) < 1e-5 ? 1 : -1;
    x.forEach((v, i) => expect(y[i]).toBeCloseTo(1.5 * gelu(direction * v), 5));
  });

  it('is seeded: the teacher is shared across n, the first n examples too', () => {
    const small = reluTeacherTask({ ...relu, n: 10 }, createRng(7), createRng(2)).arrays('train');
    const big = reluTeacherTask({ ...relu, n: 50 }, createRng(7), createRng(2)).arrays('train');
    expect(big.x.subarray(0, 50)).toEqual(small.x);
    expect(big.y.subarray(0, 10)).toEqual(small.y);
    const other = reluTeacherTask({ ...relu, n: 10 }, createRng(8), createRng(2)).arrays('train');
    expect(other.x).not.toEqual(small.x);
  });
});

describe('linear-teacher (label-noise SGD data)', () => {
  it('B* has exactly the requested singular values (checked with ml-matrix SVD)', () => {
    const ds = linearTeacherTask(lin, createRng(1), createRng(2));
    expect([ds.task, ds.outputSize, ds.inputShape]).toEqual(['regression', 6, [8]]);
    const train = ds.arrays('train');
    const B = ols(train.x as Float32Array, train.y as Float32Array, 8, 6);
    const s = new SingularValueDecomposition(B).diagonal;
    [4, 2, 1, 0.5, 0, 0].forEach((want, i) => expect(s[i]).toBeCloseTo(want, 3));
  });

  it('fixed noise ε has variance σ²; labelNoise adds fresh N(0, σ²) per augmented batch', () => {
    const ds = linearTeacherTask({ ...lin, noiseStd: 0.3, labelNoise: 0.7 }, createRng(1), createRng(2));
    const clean = linearTeacherTask(lin, createRng(1), createRng(2)).arrays('train').y;
    const stored = ds.arrays('train').y;
    let sq = 0;
    stored.forEach((v, i) => (sq += (v - clean[i]!) ** 2));
    expect(sq / stored.length / 0.09).toBeCloseTo(1, 1);
    const idx = Int32Array.from({ length: 400 }, (_, i) => i);
    const a = ds.batch('train', idx, { augment: true, rng: createRng(5) });
    const b = ds.batch('train', idx, { augment: true, rng: createRng(5) });
    const c = ds.batch('train', idx, { augment: true, rng: createRng(6) });
    const plain = ds.batch('train', idx);
    expect(a.y.shape).toEqual([400, 6]);
    expect(Array.from(a.y.dataSync())).toEqual(Array.from(b.y.dataSync()));
    expect(Array.from(a.y.dataSync())).not.toEqual(Array.from(c.y.dataSync()));
    expect(Array.from(plain.y.dataSync())).toEqual(Array.from(stored));
    const diff = Array.from(a.y.dataSync(), (v, i) => v - stored[i]!);
    const variance = diff.reduce((s, v) => s + v * v, 0) / diff.length;
    expect(variance / 0.49).toBeCloseTo(1, 1);
    tf.dispose([a.x, a.y, b.x, b.y, c.x, c.y, plain.x, plain.y]);
  });

  it('rejects more singular values than fit and bad indices', () => {
    expect(() =>
      linearTeacherTask({ ...lin, singularValues: [1, 1, 1, 1, 1, 1, 1] }, createRng(1), createRng(2)),
    ).toThrow(/7 singular values exceed min\(inputDim, outputDim\) = 6/);
    const ds = linearTeacherTask(lin, createRng(1), createRng(2));
    expect(() => ds.batch('test', Int32Array.from([100]))).toThrow(/index 100 is outside the test split \(size 100\)/);
  });

  it('randomOrthonormal gives orthonormal columns', () => {
    const q = randomOrthonormal(createRng(3), 7, 4);
    const Q = new Matrix(Array.from({ length: 7 }, (_, r) => Array.from(q.subarray(r * 4, r * 4 + 4))));
    const gram = Q.transpose().mmul(Q);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(gram.get(i, j)).toBeCloseTo(i === j ? 1 : 0, 10);
  });
});
