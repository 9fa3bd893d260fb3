import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng, type Float32Gemm } from '@rankbias/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { factorChainEntries } from '../../src/matrix-completion/factor-chain-entries.js';
import { gatherEntries } from '../../src/matrix-completion/gather-entries.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A plain triple-loop gemm (float64 sums): the op's products from an implementation independent of BLAS and tfjs. */
const plainGemm: Float32Gemm = (transposeA, transposeB, m, n, k, a, b, c) => {
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[transposeA ? p * m + i : i * k + p]! * b[transposeB ? j * k + p : p * n + j]!;
      c[i * n + j] = s;
    }
};

function randomMatrix(rows: number, cols: number, seed: number): tf.Tensor2D {
  const rng = createRng(seed);
  return tf.tensor2d(
    Float32Array.from({ length: rows * cols }, () => rng.normal()),
    [rows, cols],
  );
}

/** `count` (row, col) pairs in a rows × cols matrix, with repeats (their gradients must add up). */
function pairs(count: number, rows: number, cols: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(2 * count);
  for (let j = 0; j < count; j++) {
    out[2 * j] = Math.floor(rng.next() * rows);
    out[2 * j + 1] = Math.floor(rng.next() * cols);
  }
  out.set(out.subarray(0, 4), 2 * count - 4); // the first two pairs again
  return out;
}

/** The composed tfjs ops the op replaces: the chain by tf.matMul, the entries by gatherND. */
function composed(factors: readonly tf.Tensor2D[], indices: tf.Tensor): tf.Tensor {
  let product = factors[0]!;
  for (const f of factors.slice(1)) product = tf.matMul(f, product);
  return gatherEntries(product, indices);
}

/** Value and gradient of Σ w·entries, for a weight per entry. */
function valueAndGrads(entries: (fs: tf.Tensor[]) => tf.Tensor, factors: tf.Tensor[], weights: tf.Tensor) {
  const f = tf.valueAndGrads((...fs: tf.Tensor[]) => tf.sum(tf.mul(entries(fs), weights)) as tf.Scalar);
  const { value, grads } = f(factors);
  return { value: value.dataSync()[0]!, grads: grads.map((g) => Array.from(g.dataSync())) };
}

function expectClose(got: readonly number[], want: readonly number[], label: string): void {
  const scale = Math.max(1, ...want.map(Math.abs));
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!), `${label}[${i}]`).toBeLessThan(1e-5 * scale));
}

describe('factorChainEntries against the composed ops (cpu, a plain-loop gemm)', () => {
  // Rectangular chains: factor k is r_k × c_k with c_k = r_{k−1}.
  for (const dims of [
    [[6, 5]],
    [
      [4, 5],
      [3, 4],
    ],
    [
      [4, 5],
      [6, 4],
      [3, 6],
    ],
  ] as [number, number][][]) {
    it(`depth ${dims.length}: the entries and every factor's gradient, repeated pairs summed`, () => {
      const factors = dims.map(([r, c], i) => randomMatrix(r, c, 10 + i));
      const [rows, cols] = [dims[dims.length - 1]![0], dims[0]![1]];
      const indices = tf.tensor2d(pairs(12, rows, cols, 7), [12, 2], 'int32');
      const weights = tf.tensor1d(Float32Array.from({ length: 12 }, (_, j) => Math.cos(j + 1)));
      const fused = valueAndGrads((fs) => factorChainEntries(fs, indices, plainGemm), factors, weights);
      const reference = valueAndGrads((fs) => composed(fs as tf.Tensor2D[], indices), factors, weights);
      expect(fused.value).toBeCloseTo(reference.value, 4);
      fused.grads.forEach((g, k) => expectClose(g, reference.grads[k]!, `dW${k + 1}`));
      const values = factorChainEntries(factors, indices, plainGemm);
      expect(values.shape).toEqual([12]);
      expectClose(Array.from(values.dataSync()), Array.from(composed(factors, indices).dataSync()), 'entries');
      expect(factorChainEntries(factors, indices, plainGemm, { column: true }).shape).toEqual([12, 1]);
    });
  }

  it('stacks of K runs ([K, r, c] factors, [K, k, 2] pairs): each run as the op on its own matrices', () => {
    const K = 3;
    const dims: [number, number][] = [
      [5, 4],
      [3, 5],
    ];
    const runs = Array.from({ length: K }, (_, k) => dims.map(([r, c], i) => randomMatrix(r, c, 100 * k + i)));
    const stacks = dims.map((_, i) => tf.stack(runs.map((fs) => fs[i]!)));
    const runPairs = runs.map((_, k) => pairs(6, 3, 4, 50 + k));
    const indices = tf.tensor3d(Int32Array.from(runPairs.flatMap((p) => Array.from(p))), [K, 6, 2], 'int32');
    const weights = tf.tensor2d(
      Float32Array.from({ length: K * 6 }, (_, j) => Math.sin(j + 2)),
      [K, 6],
    );
    const fused = valueAndGrads((fs) => factorChainEntries(fs, indices, plainGemm), stacks, weights);
    expect(factorChainEntries(stacks, indices, plainGemm, { column: true }).shape).toEqual([K, 6, 1]);
    let total = 0;
    runs.forEach((fs, k) => {
      const own = valueAndGrads(
        (f) => composed(f as tf.Tensor2D[], tf.tensor2d(runPairs[k]!, [6, 2], 'int32')),
        fs,
        tf.tensor1d(weights.arraySync()[k]!),
      );
      total += own.value;
      own.grads.forEach((g, i) => {
        const size = g.length;
        expectClose(fused.grads[i]!.slice(k * size, (k + 1) * size), g, `run ${k} dW${i + 1}`);
      });
    });
    expect(fused.value).toBeCloseTo(total, 4);
  });

  it('later steps reuse its scratch buffers without mixing up two ops on one tape or keeping old pairs', () => {
    const a = [randomMatrix(4, 4, 1), randomMatrix(4, 4, 2)];
    const b = [randomMatrix(4, 4, 3), randomMatrix(4, 4, 4)];
    const weights = tf.ones([5]);
    for (let step = 0; step < 3; step++) {
      // New pairs each step: a scatter buffer reused from the last step must hold nothing of its pairs.
      const indices = tf.tensor2d(pairs(5, 4, 4, 9 + step), [5, 2], 'int32');
      const both = (fs: tf.Tensor[]) =>
        tf.add(
          factorChainEntries(fs.slice(0, 2), indices, plainGemm),
          factorChainEntries(fs.slice(2), indices, plainGemm),
        );
      const reference = (fs: tf.Tensor[]) =>
        tf.add(composed(fs.slice(0, 2) as tf.Tensor2D[], indices), composed(fs.slice(2) as tf.Tensor2D[], indices));
      const fused = valueAndGrads(both, [...a, ...b], weights);
      const want = valueAndGrads(reference, [...a, ...b], weights);
      fused.grads.forEach((g, k) => expectClose(g, want.grads[k]!, `step ${step} factor ${k}`));
    }
  });
});

describe('factorChainEntries reads index pairs', () => {
  it('once per tensor, but every time from a variable, whose pairs can be assigned', () => {
    const factors = [randomMatrix(3, 4, 1), randomMatrix(2, 3, 2)];
    const product = tf.matMul(factors[1]!, factors[0]!).arraySync() as number[][];
    const pairs = tf.variable(tf.tensor2d([0, 0, 1, 3], [2, 2], 'int32'));
    const read = () => Array.from(factorChainEntries(factors, pairs, plainGemm).dataSync());
    expect(read()).toEqual([product[0]![0]!, product[1]![3]!].map(Math.fround));
    pairs.assign(tf.tensor2d([1, 1, 0, 2], [2, 2], 'int32'));
    expect(read()).toEqual([product[1]![1]!, product[0]![2]!].map(Math.fround));
  });
});

describe('factorChainEntries refuses bad input by name', () => {
  const factors = [randomMatrix(3, 4, 1), randomMatrix(2, 3, 2)];
  it('a pair outside the product', () => {
    const indices = tf.tensor2d([0, 0, 2, 1], [2, 2], 'int32');
    expect(() => factorChainEntries(factors, indices, plainGemm)).toThrow(
      /index pair 1 is \(2, 1\), outside the 2 × 4 product/,
    );
  });
  it('indices that are not int32 (row, col) pairs', () => {
    expect(() => factorChainEntries(factors, tf.tensor2d([0, 0], [1, 2]), plainGemm)).toThrow(
      /indices must be an int32 \[k, 2\] tensor of \(row, col\) pairs, got float32 \[1,2\]/,
    );
    expect(() => factorChainEntries(factors, tf.tensor2d([0, 0, 0], [1, 3], 'int32'), plainGemm)).toThrow(
      /got int32 \[1,3\]/,
    );
  });
  it('factors that do not chain, or mix matrices and stacks', () => {
    const indices = tf.tensor2d([0, 0], [1, 2], 'int32');
    expect(() => factorChainEntries([randomMatrix(3, 4, 1), randomMatrix(2, 5, 2)], indices, plainGemm)).toThrow(
      /factor 2 is \[2,5\] but factor 1 has 3 rows/,
    );
    expect(() => factorChainEntries([randomMatrix(3, 4, 1), tf.zeros([2, 2, 3])], indices, plainGemm)).toThrow(
      /factor 2 is float32 \[2,2,3\]/,
    );
    expect(() => factorChainEntries([], indices, plainGemm)).toThrow(/at least one factor/);
  });
});
