import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@rankbias/core';
import { MatrixCompletionDataset } from '../../src/matrix-completion/dataset.js';
import { MatrixFactorization } from '../../src/matrix-completion/model.js';
import { generateMatrixCompletion } from '../../src/matrix-completion/problem.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function matmul(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) out[i * n + j] += a[i * n + k]! * b[k * n + j]!;
  return out;
}

describe('MatrixFactorization', () => {
  it('end-to-end is W_D ⋯ W_1 and predictions gather its entries', () => {
    const model = new MatrixFactorization({ size: 6, depth: 3, initScale: 1 }, createRng(1));
    const [w1, w2, w3] = model.trainableVariables().map((v) => v.variable.dataSync());
    const want = matmul(w3!, matmul(w2!, w1!, 6), 6);
    const [e2e] = model.effectiveWeights();
    expect(e2e!.name).toBe('end-to-end');
    Array.from(e2e!.tensor.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 5));
    const pred = model.apply(tf.tensor2d([0, 0, 2, 5, 5, 1], [3, 2], 'int32'), { training: true });
    expect(pred.shape).toEqual([3, 1]);
    const got = Array.from(pred.dataSync());
    [0, 2 * 6 + 5, 5 * 6 + 1].forEach((flat, k) => expect(got[k]).toBeCloseTo(want[flat]!, 5));
    tf.dispose([e2e!.tensor, pred]);
    model.dispose();
  });

  it('initialises each factor N(0, (s^{1/D}/√N)²) so that ‖W_e‖_F ≈ s·√N', () => {
    for (const depth of [1, 2, 3]) {
      const model = new MatrixFactorization({ size: 60, depth, initScale: 1e-3 }, createRng(depth));
      const factor = model.trainableVariables()[0]!.variable.dataSync();
      const std = Math.sqrt(Array.from(factor).reduce((a, x) => a + x * x, 0) / factor.length);
      expect(std / (1e-3 ** (1 / depth) / Math.sqrt(60))).toBeCloseTo(1, 1);
      const [e2e] = model.effectiveWeights();
      const fro = Math.sqrt(Array.from(e2e!.tensor.dataSync()).reduce((a, x) => a + x * x, 0));
      expect(fro / (1e-3 * Math.sqrt(60))).toBeGreaterThan(0.7);
      expect(fro / (1e-3 * Math.sqrt(60))).toBeLessThan(1.3);
      e2e!.tensor.dispose();
      model.dispose();
    }
  });

  it('names variables W1..WD (stable) and keeps tfjs names unique across instances', () => {
    const a = new MatrixFactorization({ size: 3, depth: 2, initScale: 1 }, createRng(0));
    const b = new MatrixFactorization({ size: 3, depth: 2, initScale: 1 }, createRng(0));
    expect(a.trainableVariables().map((v) => v.name)).toEqual(['W1', 'W2']);
    expect(b.variables().map((v) => v.name)).toEqual(['W1', 'W2']);
    expect(a.trainableVariables()[0]!.variable.name).toBe('matrix-factorization/W1');
    expect(b.trainableVariables()[0]!.variable.name).toBe('matrix-factorization/W1_1');
    expect(Array.from(b.trainableVariables()[1]!.variable.dataSync())).toEqual(
      Array.from(a.trainableVariables()[1]!.variable.dataSync()),
    );
    a.dispose();
    b.dispose();
  });

  it('the MSE gradient on observed entries matches the closed form (depth 1) and finite differences (depth 2)', () => {
    const p = generateMatrixCompletion({ size: 5, rank: 1, observed: 8, seed: 2 });
    const data = new MatrixCompletionDataset(p);
    const batch = data.batch(
      'train',
      Int32Array.from({ length: 8 }, (_, i) => i),
    );
    const mse = (m: MatrixFactorization) => () =>
      tf.mean(tf.square(tf.sub(m.apply(batch.x, { training: true }), batch.y))) as tf.Scalar;

    const one = new MatrixFactorization({ size: 5, depth: 1, initScale: 1 }, createRng(5));
    const w = one.trainableVariables()[0]!.variable;
    const { grads } = tf.variableGrads(mse(one), [w]);
    const g = grads[w.name]!.dataSync();
    const wv = w.dataSync();
    const want = new Float64Array(25);
    for (const flat of p.observed) want[flat] = (2 / 8) * (wv[flat]! - p.truth[flat]!);
    Array.from(g).forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 5));

    const two = new MatrixFactorization({ size: 5, depth: 2, initScale: 1 }, createRng(6));
    const w1 = two.trainableVariables()[0]!.variable;
    const analytic = tf.variableGrads(mse(two), [w1]).grads[w1.name]!.dataSync();
    const base = w1.dataSync().slice();
    const h = 1e-2;
    for (const idx of [0, 7, 24]) {
      const plus = base.slice();
      plus[idx] += h;
      w1.assign(tf.tensor2d(plus, [5, 5]));
      const fp = mse(two)().dataSync()[0]!;
      const minus = base.slice();
      minus[idx] -= h;
      w1.assign(tf.tensor2d(minus, [5, 5]));
      const fm = mse(two)().dataSync()[0]!;
      expect(analytic[idx]!).toBeCloseTo((fp - fm) / (2 * h), 2);
    }
    one.dispose();
    two.dispose();
  });
});
