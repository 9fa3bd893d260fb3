import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng/rng.js';

export type Split = 'train' | 'validation' | 'test';

/**
 * - `classification`: `y` is int32 class indices `[n]`; softmax cross-entropy.
 * - `binary`: `y` is float32 labels in {-1, +1} `[n]`; logistic loss on a single output.
 * - `regression`: `y` is float32 `[n, outputSize]`; mean squared error.
 */
export type TaskKind = 'classification' | 'binary' | 'regression';

export interface Batch {
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
}

export interface BatchOptions {
  /** Apply training-time augmentation (random crop, flip, label noise...). */
  readonly augment?: boolean;
  /** Source of randomness for augmentation; the trainer derives it from the seed and the step. */
  readonly rng?: Rng;
}

/**
 * A dataset is random access: the trainer owns shuffling (seeded, resumable)
 * and asks for the examples it wants. Tensors returned belong to the caller.
 */
export interface Dataset {
  readonly name: string;
  readonly task: TaskKind;
  /** Shape of one example, without the batch dimension. */
  readonly inputShape: readonly number[];
  /** Number of classes (classification), 1 (binary) or target width (regression). */
  readonly outputSize: number;
  readonly classNames?: readonly string[];
  /** Input dtype (`float32` unless the model takes indices). */
  readonly inputDtype?: 'float32' | 'int32';
  /** Rank of the ground truth when the task has one (synthetic tasks): metrics draw it as a reference. */
  readonly knownRank?: number;
  /**
   * `false` when `batch` ignores `augment` and `rng` (the same indices always
   * give the same values): a full-batch trainer then builds its batch once and
   * reuses it at every step. Unset means the batches may differ.
   */
  readonly augments?: boolean;
  size(split: Split): number;
  batch(split: Split, indices: Int32Array, options?: BatchOptions): Batch;
  dispose?(): void;
}

/** What a model factory needs to know about the data. */
export interface DatasetInfo {
  readonly task: TaskKind;
  readonly inputShape: readonly number[];
  readonly outputSize: number;
  readonly inputDtype?: 'float32' | 'int32';
}
