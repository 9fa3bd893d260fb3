import type * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from './named-tensor.js';

/**
 * An explicit penalty. The trainer selects the tensors it applies to
 * (options `select`), calls `value` inside the gradient tape and multiplies
 * by the configured `weight`.
 */
export interface Penalty {
  /** Unweighted value, summed over `weights`; a differentiable scalar. */
  value(weights: readonly NamedTensor[]): tf.Scalar;
}

/** Options every penalty accepts in a config, handled by the trainer. */
export interface PenaltyCommonOptions {
  /** Multiplier λ (>= 0). */
  readonly weight: number;
  /** Glob patterns over weight names; default: every variable of rank >= 2 and every effective weight. */
  readonly select?: readonly string[];
  /**
   * `coupled`: the penalty is added to the loss and its gradient goes through
   * the optimizer's preconditioning. `decoupled`: its gradient is added after
   * preconditioning (needs an optimizer that supports it, see `DecoupledOptimizer`).
   */
  readonly coupling: 'coupled' | 'decoupled';
}
