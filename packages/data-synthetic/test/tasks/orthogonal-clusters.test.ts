import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '@rankbias/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { orthogonalClusters, type OrthogonalClustersOptions } from '../../src/tasks/orthogonal-clusters.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const base: OrthogonalClustersOptions = { n: 20, nTest: 10, nValidation: 0, dim: 2000, labelNoise: 0 };
const make = (o: Partial<OrthogonalClustersOptions> = {}, seed = 1) =>
  orthogonalClusters({ ...base, ...o }, createRng(seed), createRng(99));

function rows(x: Float32Array, d: number): Float32Array[] {
  return Array.from({ length: x.length / d }, (_, i) => x.subarray(i * d, (i + 1) * d));
}
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

function maxAbsCos(x: Float32Array, d: number): number {
  const r = rows(x, d);
  let worst = 0;
  for (let i = 0; i < r.length; i++)
    for (let j = i + 1; j < r.length; j++) {
      worst = Math.max(worst, Math.abs(dot(r[i]!, r[j]!)) / Math.sqrt(dot(r[i]!, r[i]!) * dot(r[j]!, r[j]!)));
    }
  return worst;
}

describe('orthogonal-clusters', () => {
  it('is a binary ±1 task of the requested sizes', () => {
    const ds = make();
    expect([ds.task, ds.outputSize, ds.inputShape]).toEqual(['binary', 1, [2000]]);
    expect([ds.size('train'), ds.size('validation'), ds.size('test')]).toEqual([20, 0, 10]);
    const y = ds.arrays('train').y;
    expect(new Set(y)).toEqual(new Set([-1, 1]));
  });

  it('samples are nearly orthogonal when d ≫ n², and not when d is small', () => {
    const high = make();
    expect(maxAbsCos(high.arrays('train').x, 2000)).toBeLessThan(0.15);
    const low = make({ dim: 10 });
    expect(maxAbsCos(low.arrays('train').x, 10)).toBeGreaterThan(0.5);
  });

  it('pairs share the mean: E[y_i y_j ⟨x_i, x_j⟩] = ‖μ‖² = √d by default, or meanNorm²', () => {
    for (const [opts, want] of [
      [{}, Math.sqrt(2000)],
      [{ meanNorm: 12 }, 144],
    ] as const) {
      const ds = make({ n: 40, ...opts });
      const { x, y } = ds.arrays('train');
      const r = rows(x, 2000);
      let s = 0;
      let pairs = 0;
      for (let i = 0; i < r.length; i++)
        for (let j = i + 1; j < r.length; j++) {
          s += y[i]! * y[j]! * dot(r[i]!, r[j]!);
          pairs++;
        }
      // noise per pair ~ √d ≈ 45; mean over 780 pairs: std ≈ 1.6 (pairs correlate a little)
      expect(Math.abs(s / pairs - want)).toBeLessThan(12);
    }
  });

  it('is a function of its seed; larger n extends the same training set', () => {
    const a = make({}, 5).arrays('train');
    const b = make({}, 5).arrays('train');
    const c = make({}, 6).arrays('train');
    expect(a.x).toEqual(b.x);
    expect(a.x).not.toEqual(c.x);
    const bigger = make({ n: 30 }, 5).arrays('train');
    expect(bigger.x.subarray(0, a.x.length)).toEqual(a.x);
    expect(bigger.y.subarray(0, 20)).toEqual(a.y);
    expect(make({ nTest: 50 }, 5).arrays('train').x).toEqual(a.x);
  });

  it('label noise flips labels with probability σ in augmented batches only', () => {
    const ds = make({ n: 50, dim: 8, labelNoise: 0.2 });
    const idx = Int32Array.from({ length: 50 }, (_, i) => i);
    const clean = ds.batch('train', idx).y.dataSync();
    expect(Array.from(clean)).toEqual(Array.from(ds.arrays('train').y));
    let flipped = 0;
    const rng = createRng(3);
    for (let r = 0; r < 200; r++) {
      const { x, y } = ds.batch('train', idx, { augment: true, rng });
      y.dataSync().forEach((v, i) => {
        expect(Math.abs(v)).toBe(1);
        if (v !== clean[i]) flipped++;
      });
      tf.dispose([x, y]);
    }
    expect(flipped / (200 * 50)).toBeGreaterThan(0.18);
    expect(flipped / (200 * 50)).toBeLessThan(0.22);
  });
});
