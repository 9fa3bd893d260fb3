import * as tf from '@tensorflow/tfjs-core';
import {
  applyLabelNoise,
  type Batch,
  type BatchOptions,
  type Dataset,
  type Rng,
  type Split,
  type TaskKind,
} from '@rankbias/core';

/** One split's examples: `x` row-major [n, inputSize], `y` [n] (class/±1) or [n, outputSize]. */
export interface SplitArrays {
  readonly x: Float32Array;
  readonly y: Float32Array | Int32Array;
}

export interface InMemorySpec {
  readonly name: string;
  readonly task: TaskKind;
  readonly inputShape: readonly number[];
  readonly outputSize: number;
  readonly splits: Readonly<Record<Split, SplitArrays>>;
  /** Training-time label noise σ (see `applyLabelNoise`), applied when a batch asks for augmentation. */
  readonly labelNoise: number;
  /** Used when an augmented batch comes without an rng. */
  readonly fallbackRng: Rng;
}

/**
 * A dataset held as flat typed arrays, gathered into tensors per batch.
 * Generators fill it once, from seeded generators; `batch` is pure given its rng.
 */
export class InMemoryDataset implements Dataset {
  readonly name: string;
  readonly task: TaskKind;
  readonly inputShape: readonly number[];
  readonly outputSize: number;
  /** Label noise is the only augmentation. */
  readonly augments: boolean;
  private readonly inputSize: number;
  private readonly targetSize: number;

  constructor(private readonly spec: InMemorySpec) {
    this.name = spec.name;
    this.task = spec.task;
    this.inputShape = spec.inputShape;
    this.outputSize = spec.outputSize;
    this.augments = spec.labelNoise > 0;
    this.inputSize = spec.inputShape.reduce((a, b) => a * b, 1);
    this.targetSize = spec.task === 'regression' ? spec.outputSize : 1;
  }

  size(split: Split): number {
    return this.spec.splits[split].x.length / this.inputSize;
  }

  /** The raw arrays of a split (views, not copies): for analyses such as the max-margin baseline. */
  arrays(split: Split): SplitArrays {
    return this.spec.splits[split];
  }

  batch(split: Split, indices: Int32Array, options: BatchOptions = {}): Batch {
    const src = this.spec.splits[split];
    const n = indices.length;
    const size = this.size(split);
    const x = new Float32Array(n * this.inputSize);
    const y = this.task === 'classification' ? new Int32Array(n) : new Float32Array(n * this.targetSize);
    for (let k = 0; k < n; k++) {
      const i = indices[k]!;
      if (!Number.isInteger(i) || i < 0 || i >= size) {
        throw new RangeError(`${this.name}: index ${i} is outside the ${split} split (size ${size})`);
      }
      x.set(src.x.subarray(i * this.inputSize, (i + 1) * this.inputSize), k * this.inputSize);
      y.set(src.y.subarray(i * this.targetSize, (i + 1) * this.targetSize), k * this.targetSize);
    }
    if (options.augment) {
      applyLabelNoise(this.task, y, this.spec.labelNoise, this.outputSize, options.rng ?? this.spec.fallbackRng);
    }
    const yShape = this.task === 'regression' ? [n, this.targetSize] : [n];
    return {
      x: tf.tensor(x, [n, ...this.inputShape], 'float32'),
      y: tf.tensor(y, yShape, this.task === 'classification' ? 'int32' : 'float32'),
    };
  }
}
