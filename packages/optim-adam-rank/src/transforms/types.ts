import type * as tf from '@tensorflow/tfjs-core';

/** Parameters by name (the tfjs variable name, or any stable name). */
export type Params = Readonly<Record<string, tf.Tensor>>;

/** Updates (or gradients) by parameter name. */
export type Updates = Readonly<Record<string, tf.Tensor>>;

/**
 * A transform's state: a flat map of named tensors. Flat and named so that an
 * optimizer's whole state is a list of `NamedTensor`s (checkpoints, resume).
 * Per-parameter entries use the parameter name as the key's suffix
 * (e.g. `mu/dense/kernel`); shared entries use a plain key (e.g. `count`).
 */
export type TransformState = Readonly<Record<string, tf.Tensor>>;

/** Extra, per-step inputs a transform may use (Optax's "extra args"). */
export interface UpdateExtras {
  /**
   * Gradients that bypass preconditioning: `addDecoupledGradients` adds them
   * to the updates at its place in the chain (before the learning rate).
   */
  readonly decoupled?: Updates;
}

export interface TransformResult {
  readonly updates: Updates;
  readonly state: TransformState;
}

/**
 * An Optax-style gradient transformation. Pure: `init` and `update` create
 * new tensors and never dispose their inputs; state entries that do not
 * change may be passed through as the same tensor objects. Run `update`
 * inside `tf.tidy` (the `TransformOptimizer` adapter does).
 *
 * Convention: the final updates are ADDED to the parameters
 * (`scaleByLearningRate` carries the minus sign).
 */
export interface GradientTransformation {
  /** Short name, used as the prefix of its state keys inside a `chain`. */
  readonly name: string;
  /** State for `params` (zeros for moments, 0 for counters). */
  init(params: Params): TransformState;
  /** Transforms `updates` (gradients on entry to a chain); only names present in `updates` are touched. */
  update(updates: Updates, state: TransformState, params: Params, extras?: UpdateExtras): TransformResult;
  /**
   * Set when `update` is exactly `u ↦ tf.mul(u, constantScale)` for every
   * parameter, with no state (a constant learning rate: `−lr`). The
   * `TransformOptimizer` then fuses a chain's final such transform into the
   * parameter update (one kernel instead of a Multiply and an Add, same values).
   */
  readonly constantScale?: number;
  /** The transforms of a `chain`, in order. */
  readonly parts?: readonly GradientTransformation[];
}

/** A learning-rate schedule as a function of the step count (0 at the first update), on tensors. */
export type Schedule = (count: tf.Scalar) => tf.Scalar;

/** Throws a clear error when `state` lacks `key` (a parameter the transform was not initialised for). */
export function stateEntry(state: TransformState, key: string, transform: string): tf.Tensor {
  const entry = state[key];
  if (!entry) {
    throw new Error(
      `${transform}: no state "${key}". The transform was not initialised for this parameter; ` +
        `call init() with every parameter that will receive updates.`,
    );
  }
  return entry;
}
