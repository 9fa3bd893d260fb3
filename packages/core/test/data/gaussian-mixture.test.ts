import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { GaussianMixtureDataset, gaussianMixtureOptionsSchema } from '../../src/data/gaussian-mixture.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const make = (options: object, seed = 0) =>
  new GaussianMixtureDataset(gaussianMixtureOptionsSchema.parse(options), seed);
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('gaussian-mixture', () => {
  it('is a function of the seed: same seed same data, another seed other data', () => {
    const a = make({ dim: 4, trainSize: 10 }, 3).batch('train', all(10));
    const b = make({ dim: 4, trainSize: 10 }, 3).batch('train', all(10));
    const c = make({ dim: 4, trainSize: 10 }, 4).batch('train', all(10));
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    expect(Array.from(a.x.dataSync())).not.toEqual(Array.from(c.x.dataSync()));
    tf.dispose([a.x, a.y, b.x, b.y, c.x, c.y]);
  });

  it('gives the same example for an index whatever the batch it is asked in', () => {
    const ds = make({ dim: 3, trainSize: 20 });
    const pair = ds.batch('train', Int32Array.from([7, 2]));
    const seven = ds.batch('train', Int32Array.from([7]));
    const two = ds.batch('train', Int32Array.from([2]));
    expect(Array.from(pair.x.dataSync())).toEqual([...seven.x.dataSync(), ...two.x.dataSync()]);
    expect(Array.from(pair.y.dataSync())).toEqual([...seven.y.dataSync(), ...two.y.dataSync()]);
    expect(pair.y.dtype).toBe('int32');
    tf.dispose([pair.x, pair.y, seven.x, seven.y, two.x, two.y]);
  });

  it('has balanced classes and class means of norm `separation`', () => {
    const ds = make({ classes: 3, dim: 8, trainSize: 3000, separation: 5, noise: 0.5 });
    expect(ds.size('train')).toBe(3000);
    expect(ds.size('test')).toBe(512);
    expect(ds.size('validation')).toBe(0);
    const { x, y } = ds.batch('train', all(3000));
    const labels = y.dataSync();
    const xs = x.dataSync();
    for (let c = 0; c < 3; c++) {
      const rows = [...labels.keys()].filter((i) => labels[i] === c);
      expect(rows).toHaveLength(1000);
      const mean = new Array(8).fill(0);
      for (const i of rows) for (let j = 0; j < 8; j++) mean[j] += xs[i * 8 + j]! / rows.length;
      expect(Math.hypot(...mean)).toBeGreaterThan(4.9);
      expect(Math.hypot(...mean)).toBeLessThan(5.1);
    }
    tf.dispose([x, y]);
  });

  it('binary task: labels ±1 and opposite means', () => {
    const ds = make({ classes: 2, task: 'binary', dim: 5, trainSize: 400, separation: 2, noise: 0.1 });
    expect(ds.outputSize).toBe(1);
    const { x, y } = ds.batch('train', all(400));
    expect(y.dtype).toBe('float32');
    const labels = Array.from(y.dataSync());
    expect(new Set(labels)).toEqual(new Set([-1, 1]));
    const xs = x.dataSync();
    // Σ y_i x_i / n ≈ μ (norm 2) because the −1 class has mean −μ
    const m = new Array(5).fill(0);
    labels.forEach((l, i) => {
      for (let j = 0; j < 5; j++) m[j] += (l * xs[i * 5 + j]!) / 400;
    });
    expect(Math.hypot(...m)).toBeGreaterThan(1.95);
    expect(Math.hypot(...m)).toBeLessThan(2.05);
    tf.dispose([x, y]);
  });

  it('rejects indices out of range and binary with k ≠ 2', () => {
    const ds = make({ trainSize: 5 });
    expect(() => ds.batch('train', Int32Array.from([5]))).toThrow(/index 5 out of range for split "train" of size 5/);
    expect(gaussianMixtureOptionsSchema.safeParse({ task: 'binary', classes: 3 }).success).toBe(false);
  });

  it('allocates only the tensors it returns', () => {
    const ds = make({ trainSize: 8 });
    const before = tf.memory().numTensors;
    const b = ds.batch('train', all(8));
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([b.x, b.y]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
