import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { NamedTensor, NamedVariable } from './named-tensor.js';

/**
 * What the trainer trains. Most models wrap a tfjs-layers model
 * (see `fromLayersModel`); models that are not layer graphs (a matrix
 * factorisation) implement it directly over variables.
 */
export interface TrainableModel {
  /** Forward pass; called inside the gradient tape. */
  apply(x: tf.Tensor, options: { training: boolean }): tf.Tensor;
  /** Trainable variables under stable names (the same in every process that builds the same config). */
  trainableVariables(): NamedVariable[];
  /** Every variable a checkpoint must hold (trainable and not, e.g. batch-norm statistics). */
  variables(): NamedVariable[];
  /**
   * Weights that are not variables themselves but that penalties and metrics
   * may target: the end-to-end product of a linear chain, the effective
   * kernel of an expanded layer. Differentiable; call inside the tape.
   */
  effectiveWeights?(): NamedTensor[];
  /** The tfjs-layers model, when there is one (needed for surgery and saving). */
  readonly layersModel?: LayersModel;
  /**
   * One model computing this one and `others` (built from the same options)
   * side by side, their variables stacked on a new leading axis: what
   * `trainBatched` trains. Models without it train one run at a time.
   */
  stackWith?(others: readonly TrainableModel[]): StackedModel;
  dispose(): void;
}

/**
 * K models of the same shapes as one: variables `[K, ...]` under the
 * single models' stable names, `apply` mapping inputs `[K, batch, ...]` to
 * outputs `[K, batch, ...]`, where slice k computes exactly what model k
 * computes on slice k of the input.
 */
export interface StackedModel {
  /** K. */
  readonly size: number;
  apply(x: tf.Tensor, options: { training: boolean }): tf.Tensor;
  trainableVariables(): NamedVariable[];
  /** As `TrainableModel.effectiveWeights`, stacked `[K, ...]`. */
  effectiveWeights?(): NamedTensor[];
  /** Copies slice k of every stacked variable into model k's variables. */
  writeTo(k: number): void;
  dispose(): void;
}
