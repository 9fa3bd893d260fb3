import { z, type PluginContext } from '@rankbias/core';
import type { ImageStore } from '../store/image-store.js';
import {
  channelStatistics,
  NO_NORMALIZATION,
  STANDARD_NORMALIZATION,
  type ChannelNormalization,
} from '../transforms/normalization.js';
import { ImageDataset } from './image-dataset.js';
import { splitIndices } from './subsets.js';

/** Options every image dataset plugin of this package accepts. */
export function imageOptionsShape(defaults: { cropPadding: number; flip: boolean }) {
  return {
    normalize: z
      .union([
        z.enum(['train', 'standard', 'none']),
        z.strictObject({ mean: z.array(z.number()).min(1), std: z.array(z.number().positive()).min(1) }),
      ])
      .default('train')
      .describe(
        'per-channel normalisation: statistics of the train split, the published constants, none, or {mean, std}',
      ),
    cropPadding: z
      .number()
      .int()
      .nonnegative()
      .default(defaults.cropPadding)
      .describe('random-crop padding when augmenting (0: no crop)'),
    flip: z.boolean().default(defaults.flip).describe('random horizontal flip when augmenting'),
    labelNoise: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('probability that a training label is replaced by another class (redrawn every batch)'),
    perClass: z.number().int().positive().optional().describe('class-balanced training subset: records per class'),
    testPerClass: z.number().int().positive().optional().describe('class-balanced test subset: records per class'),
    validation: z.number().int().nonnegative().default(0).describe('training records held out as the validation split'),
    flatten: z.boolean().default(false).describe('examples as flat vectors [H*W*C] (for MLPs) instead of [H, W, C]'),
  };
}

export interface ImageOptions {
  readonly normalize: 'train' | 'standard' | 'none' | { mean: number[]; std: number[] };
  readonly cropPadding: number;
  readonly flip: boolean;
  readonly labelNoise: number;
  readonly perClass?: number;
  readonly testPerClass?: number;
  readonly validation: number;
  readonly flatten: boolean;
}

function normalization(
  name: string,
  options: ImageOptions,
  train: ImageStore,
  indices: Int32Array,
): ChannelNormalization {
  const n = options.normalize;
  if (n === 'none') return { mean: new Array(train.channels).fill(0), std: new Array(train.channels).fill(1) };
  if (n === 'train') return indices.length ? channelStatistics(train, indices) : NO_NORMALIZATION;
  if (n === 'standard') {
    const s = STANDARD_NORMALIZATION[name];
    if (!s) throw new Error(`${name}: no published normalisation constants; use normalize: train`);
    return s;
  }
  if (n.mean.length !== train.channels || n.std.length !== train.channels) {
    throw new RangeError(`${name}: normalize.mean and normalize.std need ${train.channels} values (one per channel)`);
  }
  return n;
}

/** Builds the dataset from loaded stores and the common options. */
export function buildImageDataset(
  name: string,
  stores: { train: ImageStore; test: ImageStore; classNames?: readonly string[] },
  classes: number,
  options: ImageOptions,
  ctx: Pick<PluginContext, 'rng'>,
): ImageDataset {
  const splits = splitIndices(stores.train.labels, stores.test.labels, classes, options, ctx.rng.fork('splits'));
  return new ImageDataset({
    name,
    train: stores.train,
    test: stores.test,
    classes,
    classNames: stores.classNames?.length === classes ? stores.classNames : undefined,
    splits,
    normalization: normalization(name, options, stores.train, splits.train),
    augmentation: { cropPadding: options.cropPadding, flip: options.flip },
    labelNoise: options.labelNoise,
    flatten: options.flatten,
    fallbackRng: ctx.rng.fork('augment'),
  });
}
