import type * as tf from '@tensorflow/tfjs-core';
import type { z } from 'zod';
import type { penaltyCommonSchema } from '../config/resolve.js';
import type { NamedTensor } from './named-tensor.js';

/**
 * An explicit penalty. The trainer selects the tensors it applies to
 * (options `select`), calls `value` inside the gradient tape and multiplies
 * by the configured `weight`.
 */
export interface Penalty {
  /** Unweighted value, summed over `weights`; a differentiable scalar. */
  value(weights: readonly NamedTensor[]): tf.Scalar;
  /**
   * Optional, for batched runs (`trainBatched`, `compare --batch-runs`): the
   * unweighted values of `runs` runs at once. Each weight is a `[runs, ...]`
   * stack of the runs' weights; entry k of the `[runs]` result, and its
   * gradient, must equal `value` of the k-th slices. Without it the batched
   * trainer calls `value` once per run on slices.
   */
  stackedValue?(weights: readonly NamedTensor[], runs: number): tf.Tensor1D;
}

/**
 * @deprecated Options every penalty accepts are `penaltyCommonSchema`'s output
 * (`weight`, `select`, `coupling`); this alias is removed in the next minor.
 */
export type PenaltyCommonOptions = z.output<typeof penaltyCommonSchema>;
