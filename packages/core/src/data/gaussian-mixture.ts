import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { Batch, Dataset, Split } from '../contracts/dataset.js';
import { definePlugin } from '../contracts/plugin.js';
import { createRng, type Rng } from '../rng/rng.js';
import { dataSeedOf, dataSeedOption, seedOffsetOption } from './data-seed.js';

export const gaussianMixtureOptionsSchema = z
  .strictObject({
    /** Number of classes k (components of the mixture). */
    classes: z.number().int().min(2).default(4),
    /** Input dimension d. */
    dim: z.number().int().positive().default(16),
    trainSize: z.number().int().positive().default(1024),
    validationSize: z.number().int().nonnegative().default(0),
    testSize: z.number().int().positive().default(512),
    /** Norm of every class mean μ_c (random directions). */
    separation: z.number().nonnegative().default(3),
    /** Standard deviation of the isotropic noise: x = μ_y + noise · z, z ~ N(0, I_d). */
    noise: z.number().nonnegative().default(1),
    /**
     * `classification`: int32 labels 0..k-1. `binary` (k = 2): float32 labels ±1 and
     * means ±μ, the two-cluster data of Frei et al.
     */
    task: z.enum(['classification', 'binary']).default('classification'),
    dataSeed: dataSeedOption,
    seedOffset: seedOffsetOption,
  })
  .refine((o) => o.task !== 'binary' || o.classes === 2, {
    message: 'task "binary" needs classes: 2',
    path: ['classes'],
  });
export type GaussianMixtureOptions = z.output<typeof gaussianMixtureOptionsSchema>;

interface SplitData {
  readonly x: Float32Array;
  readonly label: Int32Array;
}

/** Class means: random directions scaled to norm `separation` (binary: μ and −μ). */
function drawMeans(o: GaussianMixtureOptions, rng: Rng): Float32Array[] {
  const draw = () => {
    const v = new Float32Array(o.dim);
    let sq = 0;
    for (let i = 0; i < o.dim; i++) {
      v[i] = rng.normal();
      sq += v[i]! ** 2;
    }
    const scale = o.separation / Math.sqrt(sq);
    return v.map((x) => x * scale);
  };
  if (o.task === 'binary') {
    const mu = draw();
    return [mu.map((x) => -x), mu];
  }
  return Array.from({ length: o.classes }, draw);
}

/** Example i has label i mod k (exactly balanced) and x = μ_label + noise · z. */
function drawSplit(o: GaussianMixtureOptions, means: readonly Float32Array[], n: number, rng: Rng): SplitData {
  const x = new Float32Array(n * o.dim);
  const label = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % o.classes;
    label[i] = c;
    const mu = means[c]!;
    for (let j = 0; j < o.dim; j++) x[i * o.dim + j] = mu[j]! + o.noise * rng.normal();
  }
  return { x, label };
}

/**
 * A seeded Gaussian mixture, drawn once in memory; random access by index.
 * The draws depend only on `seed` and the options, never on the order of access.
 */
export class GaussianMixtureDataset implements Dataset {
  readonly name = 'gaussian-mixture';
  readonly task: 'classification' | 'binary';
  readonly inputShape: readonly number[];
  readonly outputSize: number;
  readonly classNames: readonly string[];
  private readonly splits: Record<Split, SplitData>;

  constructor(
    readonly options: GaussianMixtureOptions,
    readonly seed: number,
  ) {
    this.task = options.task;
    this.inputShape = [options.dim];
    this.outputSize = options.task === 'binary' ? 1 : options.classes;
    this.classNames =
      options.task === 'binary' ? ['-1', '+1'] : Array.from({ length: options.classes }, (_, c) => `class_${c}`);
    const root = createRng(`gaussian-mixture:${seed}`);
    const means = drawMeans(options, root.fork('means'));
    this.splits = {
      train: drawSplit(options, means, options.trainSize, root.fork('train')),
      validation: drawSplit(options, means, options.validationSize, root.fork('validation')),
      test: drawSplit(options, means, options.testSize, root.fork('test')),
    };
  }

  size(split: Split): number {
    return this.splits[split].label.length;
  }

  batch(split: Split, indices: Int32Array): Batch {
    const data = this.splits[split];
    const n = data.label.length;
    const d = this.options.dim;
    const x = new Float32Array(indices.length * d);
    const y = this.task === 'binary' ? new Float32Array(indices.length) : new Int32Array(indices.length);
    indices.forEach((idx, k) => {
      if (!Number.isInteger(idx) || idx < 0 || idx >= n) {
        throw new RangeError(`gaussian-mixture: index ${idx} out of range for split "${split}" of size ${n}`);
      }
      x.set(data.x.subarray(idx * d, (idx + 1) * d), k * d);
      y[k] = this.task === 'binary' ? 2 * data.label[idx]! - 1 : data.label[idx]!;
    });
    return {
      x: tf.tensor2d(x, [indices.length, d]),
      y: this.task === 'binary' ? tf.tensor1d(y, 'float32') : tf.tensor1d(y, 'int32'),
    };
  }
}

export const gaussianMixturePlugin = definePlugin({
  kind: 'dataset',
  name: 'gaussian-mixture',
  description:
    'Seeded k-class Gaussian mixture (random class means of a given norm plus isotropic noise), balanced classes',
  options: gaussianMixtureOptionsSchema,
  create: (options, ctx) => new GaussianMixtureDataset(options, dataSeedOf(options, ctx)),
});
