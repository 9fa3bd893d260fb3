import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng } from '@rankbias/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateStore, type ImageStore } from '../../src/store/image-store.js';
import { drawAugmentation } from '../../src/transforms/augmentation.js';
import { channelStatistics } from '../../src/transforms/normalization.js';
import { ImageDataset, type ImageDatasetSpec } from '../../src/dataset/image-dataset.js';
import { splitIndices } from '../../src/dataset/subsets.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const H = 6;
const W = 5;
const C = 3;

function store(count: number, classes: number, seed: number): ImageStore {
  const s = allocateStore(count, H, W, C);
  const rng = createRng(seed);
  for (let i = 0; i < s.pixels.length; i++) s.pixels[i] = rng.int(256);
  for (let i = 0; i < count; i++) s.labels[i] = i % classes;
  return s;
}

function dataset(overrides: Partial<ImageDatasetSpec> = {}): ImageDataset {
  const train = store(40, 4, 1);
  const test = store(12, 4, 2);
  return new ImageDataset({
    name: 'toy',
    train,
    test,
    classes: 4,
    splits: splitIndices(train.labels, test.labels, 4, { validation: 8 }, createRng(3)),
    normalization: { mean: [0, 0, 0], std: [1, 1, 1] },
    augmentation: { cropPadding: 2, flip: true },
    labelNoise: 0,
    flatten: false,
    fallbackRng: createRng(9),
    ...overrides,
  });
}

/** Plain reference: zero-pad the HWC image by p, crop at (p+dy, p+dx), then mirror if asked. */
function referenceAugment(s: ImageStore, record: number, p: number, dy: number, dx: number, flip: boolean): number[] {
  const padded: number[][][] = [];
  for (let h = 0; h < H + 2 * p; h++) {
    padded.push([]);
    for (let w = 0; w < W + 2 * p; w++) {
      const px: number[] = [];
      for (let c = 0; c < C; c++) {
        const ih = h - p;
        const iw = w - p;
        px.push(ih >= 0 && ih < H && iw >= 0 && iw < W ? s.pixels[record * H * W * C + c * H * W + ih * W + iw]! : 0);
      }
      padded[h]!.push(px);
    }
  }
  const out: number[] = [];
  for (let h = 0; h < H; h++) {
    for (let w = 0; w < W; w++) {
      const cw = flip ? W - 1 - w : w;
      out.push(...padded[h + p + dy]![cw + p + dx]!);
    }
  }
  return out;
}

describe('ImageDataset', () => {
  it('gives NHWC floats equal to the planar bytes / 255 and the stored labels', () => {
    const ds = dataset();
    expect(ds.inputShape).toEqual([H, W, C]);
    const spec = (ds as unknown as { spec: ImageDatasetSpec }).spec;
    const idx = Int32Array.from([0, 5, 3]);
    const { x, y } = ds.batch('test', idx);
    expect(x.shape).toEqual([3, H, W, C]);
    expect(y.dtype).toBe('int32');
    const xs = x.dataSync();
    const ys = y.dataSync();
    idx.forEach((i, k) => {
      const rec = spec.splits.test[i]!;
      expect(ys[k]).toBe(spec.test.labels[rec]);
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++)
          for (let c = 0; c < C; c++) {
            const want = spec.test.pixels[rec * H * W * C + c * H * W + h * W + w]! / 255;
            expect(xs[((k * H + h) * W + w) * C + c]).toBeCloseTo(want, 6);
          }
    });
    tf.dispose([x, y]);
  });

  it('applies crop-with-padding and flip exactly as pad→crop→mirror, from the batch rng', () => {
    const ds = dataset();
    const spec = (ds as unknown as { spec: ImageDatasetSpec }).spec;
    const idx = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    const { x, y } = ds.batch('train', idx, { augment: true, rng: createRng(42) });
    const xs = x.dataSync();
    const replay = createRng(42);
    let flips = 0;
    let shifted = 0;
    idx.forEach((i, k) => {
      const d = drawAugmentation(spec.augmentation, replay);
      flips += d.flip ? 1 : 0;
      shifted += d.dx !== 0 || d.dy !== 0 ? 1 : 0;
      const want = referenceAugment(spec.train, spec.splits.train[i]!, 2, d.dy, d.dx, d.flip);
      const got = Array.from(xs.subarray(k * H * W * C, (k + 1) * H * W * C), (v) => Math.round(v * 255));
      expect(got).toEqual(want);
    });
    expect(flips).toBeGreaterThan(0);
    expect(shifted).toBeGreaterThan(0);
    const again = ds.batch('train', idx, { augment: true, rng: createRng(42) });
    expect(Array.from(again.x.dataSync())).toEqual(Array.from(xs));
    const other = ds.batch('train', idx, { augment: true, rng: createRng(43) });
    expect(Array.from(other.x.dataSync())).not.toEqual(Array.from(xs));
    tf.dispose([x, y, again.x, again.y, other.x, other.y]);
  });

  it('normalises per channel: train statistics give mean 0 and std 1 over the train split', () => {
    const base = dataset();
    const spec = (base as unknown as { spec: ImageDatasetSpec }).spec;
    const stats = channelStatistics(spec.train, spec.splits.train);
    const ds = dataset({ normalization: stats });
    const all = Int32Array.from({ length: ds.size('train') }, (_, i) => i);
    const { x, y } = ds.batch('train', all);
    const xs = x.dataSync();
    for (let c = 0; c < C; c++) {
      let s = 0;
      let q = 0;
      let n = 0;
      for (let i = c; i < xs.length; i += C) {
        s += xs[i]!;
        q += xs[i]! * xs[i]!;
        n++;
      }
      expect(s / n).toBeCloseTo(0, 4);
      expect(q / n - (s / n) ** 2).toBeCloseTo(1, 3);
    }
    tf.dispose([x, y]);
  });

  it('label noise replaces labels by another class with probability σ, only when augmenting', () => {
    const ds = dataset({ labelNoise: 0.3, augmentation: { cropPadding: 0, flip: false } });
    const spec = (ds as unknown as { spec: ImageDatasetSpec }).spec;
    const idx = Int32Array.from({ length: ds.size('train') }, (_, i) => i);
    const clean = ds.batch('train', idx);
    const truth = clean.y.dataSync();
    idx.forEach((i, k) => expect(truth[k]).toBe(spec.train.labels[spec.splits.train[i]!]));
    let changed = 0;
    let total = 0;
    const counts = new Array(4).fill(0);
    const rng = createRng(5);
    for (let round = 0; round < 200; round++) {
      const { x, y } = ds.batch('train', idx, { augment: true, rng });
      const ys = y.dataSync();
      for (let k = 0; k < ys.length; k++) {
        total++;
        if (ys[k] !== truth[k]) {
          changed++;
          counts[(ys[k]! - truth[k]! + 4) % 4]++;
        }
        expect(ys[k]).toBeGreaterThanOrEqual(0);
        expect(ys[k]).toBeLessThan(4);
      }
      tf.dispose([x, y]);
    }
    expect(changed / total).toBeGreaterThan(0.27);
    expect(changed / total).toBeLessThan(0.33);
    expect(counts[0]).toBe(0);
    for (const off of [1, 2, 3]) expect(counts[off] / changed).toBeCloseTo(1 / 3, 1);
    tf.dispose([clean.x, clean.y]);
  });

  it('flattens examples for MLPs, rejects bad indices, and leaks no tensors', () => {
    const ds = dataset({ flatten: true });
    expect(ds.inputShape).toEqual([H * W * C]);
    const before = tf.memory().numTensors;
    const b = ds.batch('validation', Int32Array.from([0, 1]));
    expect(b.x.shape).toEqual([2, H * W * C]);
    tf.dispose([b.x, b.y]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => ds.batch('validation', Int32Array.from([8]))).toThrow(
      /index 8 is outside the validation split \(size 8\)/,
    );
  });
});
