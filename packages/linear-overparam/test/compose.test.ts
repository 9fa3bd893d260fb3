import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeConv, composeConvKernels, composeDense, identityFactorMatrices, multiplyChain } from '../src/index.js';
import { relativeError, seededRandom, useCpu } from './support.js';

beforeAll(useCpu);

/** float64 reference: K[u,v,c,o] = sum_{p+q=u, r+s=v, h} a[p,r,c,h] b[q,s,h,o]. */
function fullConv64(a: Float64Array, [ah, aw, c, h]: number[], b: Float64Array, [bh, bw, , o]: number[]): Float64Array {
  const kh = ah + bh - 1;
  const kw = aw + bw - 1;
  const out = new Float64Array(kh * kw * c * o);
  for (let p = 0; p < ah; p++)
    for (let r = 0; r < aw; r++)
      for (let q = 0; q < bh; q++)
        for (let s = 0; s < bw; s++)
          for (let ci = 0; ci < c; ci++)
            for (let hi = 0; hi < h; hi++)
              for (let oi = 0; oi < o; oi++) {
                const av = a[((p * aw + r) * c + ci) * h + hi]!;
                const bv = b[((q * bw + s) * h + hi) * o + oi]!;
                out[(((p + q) * kw + (r + s)) * c + ci) * o + oi]! += av * bv;
              }
  return out;
}

function fill64(n: number, rand: () => number): Float64Array {
  return Float64Array.from({ length: n }, rand);
}

describe('composeConvKernels', () => {
  it('matches a float64 full convolution of the sub-kernels (3x3 then 2x2, 2->3->2 channels)', () => {
    const rand = seededRandom(7);
    const aShape = [3, 3, 2, 3];
    const bShape = [2, 2, 3, 2];
    const a = fill64(18 * 3, rand);
    const b = fill64(4 * 6, rand);
    const ref = fullConv64(a, aShape, b, bShape);
    const k = composeConvKernels(
      tf.tensor4d(Float32Array.from(a), aShape as never),
      tf.tensor4d(Float32Array.from(b), bShape as never),
    );
    expect(k.shape).toEqual([4, 4, 2, 2]);
    const got = k.dataSync();
    let maxErr = 0;
    ref.forEach((v, i) => (maxErr = Math.max(maxErr, Math.abs(v - got[i]!))));
    expect(maxErr).toBeLessThan(1e-5);
    expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('equals applying the two convolutions one after the other', () => {
    const x = tf.randomNormal([1, 8, 8, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
    const a = tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 2) as tf.Tensor4D;
    const b = tf.randomNormal([3, 3, 4, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const chained = tf.conv2d(tf.conv2d(x, a, 1, 'valid'), b, 1, 'valid');
    const once = tf.conv2d(x, composeConvKernels(a, b), 1, 'valid');
    expect(once.shape).toEqual([1, 4, 4, 3]);
    expect(relativeError(once, chained)).toBeLessThan(1e-5);
  });

  it('folds biases through the spatial sum of the following kernels', () => {
    const x = tf.randomNormal([2, 6, 6, 2], 0, 1, 'float32', 4) as tf.Tensor4D;
    const ks = [
      tf.randomNormal([3, 3, 2, 3], 0, 1, 'float32', 5),
      tf.randomNormal([2, 2, 3, 3], 0, 1, 'float32', 6),
    ] as tf.Tensor4D[];
    const bs = [tf.randomNormal([3], 0, 1, 'float32', 7), tf.randomNormal([3], 0, 1, 'float32', 8)] as tf.Tensor1D[];
    const chained = tf.add(
      tf.conv2d(tf.add(tf.conv2d(x, ks[0]!, 1, 'valid'), bs[0]!) as tf.Tensor4D, ks[1]!, 1, 'valid'),
      bs[1]!,
    );
    const { kernel, bias } = composeConv(ks, bs);
    const once = tf.add(tf.conv2d(x, kernel, 1, 'valid'), bias!);
    expect(relativeError(once, chained)).toBeLessThan(1e-5);
  });
});

describe('composeDense', () => {
  it('multiplies a chain in any order to the same product and folds biases', () => {
    const ws = [
      [7, 2],
      [2, 9],
      [9, 3],
      [3, 4],
    ].map(([r, c], i) => tf.randomNormal([r!, c!], 0, 1, 'float32', 10 + i)) as tf.Tensor2D[];
    const leftToRight = ws.slice(1).reduce((acc, w) => tf.matMul(acc, w), ws[0]!);
    expect(relativeError(multiplyChain(ws), leftToRight)).toBeLessThan(1e-5);
    const bs = ws.map((w, i) => tf.randomNormal([w.shape[1]], 0, 1, 'float32', 20 + i)) as tf.Tensor1D[];
    const x = tf.randomNormal([5, 7], 0, 1, 'float32', 30) as tf.Tensor2D;
    const chained = ws.reduce((y, w, i) => tf.add(tf.matMul(y, w), bs[i]!) as tf.Tensor2D, x);
    const { kernel, bias } = composeDense(ws, bs);
    expect(relativeError(tf.add(tf.matMul(x, kernel), bias!), chained)).toBeLessThan(1e-5);
    expect(
      composeDense(
        ws,
        ws.map(() => null),
      ).bias,
    ).toBeNull();
  });
});

describe('identityFactorMatrices', () => {
  it.each([
    ['widths >= out', [6, 4], [4, 5, 4]],
    ['widths >= in', [3, 8], [3, 4]],
  ])('multiplies back to the base exactly (%s)', (_label, [inW, outW], widths) => {
    const base = tf.randomNormal([inW!, outW!], 0, 1, 'float32', 3) as tf.Tensor2D;
    const factors = identityFactorMatrices(base, widths);
    expect(factors.map((f) => f.shape)).toEqual(
      [inW!, ...widths, outW!].slice(0, -1).map((w, i) => [w, [...widths, outW!][i]]),
    );
    expect(relativeError(multiplyChain(factors), base)).toBeLessThan(1e-6);
    // every factor has non-zero entries outside the base block (no dead units)
    expect(factors.every((f) => tf.sum(tf.abs(f)).dataSync()[0]! > 0)).toBe(true);
  });

  it('refuses inner widths below min(in, out) with a message naming the fix', () => {
    const base = tf.randomNormal([6, 5]) as tf.Tensor2D;
    expect(() => identityFactorMatrices(base, [3])).toThrow(/inner width >= min\(in, out\) = 5.*expansion/);
  });
});
