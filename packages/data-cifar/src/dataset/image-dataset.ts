import * as tf from '@tensorflow/tfjs-core';
import { noisyLabel, type Batch, type BatchOptions, type Dataset, type Rng, type Split } from '@rankbias/core';
import type { ImageStore } from '../store/image-store.js';
import { drawAugmentation, IDENTITY_DRAW, type Augmentation } from '../transforms/augmentation.js';
import type { ChannelNormalization } from '../transforms/normalization.js';
import type { SplitIndices } from './subsets.js';

export interface ImageDatasetSpec {
  readonly name: string;
  readonly train: ImageStore;
  readonly test: ImageStore;
  readonly classes: number;
  readonly classNames?: readonly string[];
  readonly splits: SplitIndices;
  readonly normalization: ChannelNormalization;
  readonly augmentation: Augmentation;
  /** Probability of replacing a training label by another class when `augment` is on. */
  readonly labelNoise: number;
  /** Give examples as flat vectors `[H·W·C]` (for MLPs) instead of `[H, W, C]`. */
  readonly flatten: boolean;
  /** Used when a batch asks for augmentation without passing an rng. */
  readonly fallbackRng: Rng;
}

/**
 * A classification dataset over compact 8-bit stores: `batch` gathers the
 * requested records, converts planar (C, H, W) bytes to NHWC floats,
 * normalises per channel and, when `augment` is set, applies a seeded random
 * crop/flip and label noise drawn from the batch's rng.
 */
export class ImageDataset implements Dataset {
  readonly task = 'classification' as const;
  readonly name: string;
  readonly inputShape: readonly number[];
  readonly outputSize: number;
  readonly classNames?: readonly string[];

  constructor(private readonly spec: ImageDatasetSpec) {
    this.name = spec.name;
    const { height, width, channels } = spec.train;
    this.inputShape = spec.flatten ? [height * width * channels] : [height, width, channels];
    this.outputSize = spec.classes;
    this.classNames = spec.classNames;
  }

  size(split: Split): number {
    return this.spec.splits[split].length;
  }

  /** The store and record index behind example `index` of `split`. */
  private locate(split: Split, index: number): { store: ImageStore; record: number } {
    const ids = this.spec.splits[split];
    if (!Number.isInteger(index) || index < 0 || index >= ids.length) {
      throw new RangeError(`${this.name}: index ${index} is outside the ${split} split (size ${ids.length})`);
    }
    return { store: split === 'test' ? this.spec.test : this.spec.train, record: ids[index]! };
  }

  batch(split: Split, indices: Int32Array, options: BatchOptions = {}): Batch {
    const { height: H, width: W, channels: C } = this.spec.train;
    const n = indices.length;
    const plane = H * W;
    const x = new Float32Array(n * plane * C);
    const y = new Int32Array(n);
    const augment = options.augment === true;
    const rng = options.rng ?? this.spec.fallbackRng;
    const { mean, std } = this.spec.normalization;
    // Lookup of normalised values for every byte and channel (256·C entries).
    const lut = new Float32Array(256 * C);
    for (let c = 0; c < C; c++) for (let v = 0; v < 256; v++) lut[c * 256 + v] = (v / 255 - mean[c]!) / std[c]!;
    for (let k = 0; k < n; k++) {
      const { store, record } = this.locate(split, indices[k]!);
      const draw = augment ? drawAugmentation(this.spec.augmentation, rng) : IDENTITY_DRAW;
      const label = store.labels[record]!;
      y[k] = augment ? noisyLabel(label, this.spec.classes, this.spec.labelNoise, rng) : label;
      const src = record * plane * C;
      const dst = k * plane * C;
      for (let h = 0; h < H; h++) {
        const sh = h + draw.dy;
        for (let w = 0; w < W; w++) {
          const sw = (draw.flip ? W - 1 - w : w) + draw.dx;
          const out = dst + (h * W + w) * C;
          const inside = sh >= 0 && sh < H && sw >= 0 && sw < W;
          for (let c = 0; c < C; c++) {
            const byte = inside ? store.pixels[src + c * plane + sh * W + sw]! : 0;
            x[out + c] = lut[c * 256 + byte]!;
          }
        }
      }
    }
    return {
      x: tf.tensor(x, [n, ...this.inputShape], 'float32'),
      y: tf.tensor1d(y, 'int32'),
    };
  }
}
