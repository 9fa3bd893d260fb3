import { addDecayedWeights } from './add-decayed-weights.js';
import { addDecoupledGradients } from './add-decoupled-gradients.js';
import { chain } from './chain.js';
import type { ParamMask } from './masked.js';
import { scaleByAdam, type ScaleByAdamOptions } from './scale-by-adam.js';
import { scaleByLearningRate, type LearningRate } from './scale-by-learning-rate.js';
import { traceMomentum } from './trace-momentum.js';
import type { GradientTransformation } from './types.js';

/**
 * Adam = chain(scaleByAdam, addDecoupledGradients, scaleByLearningRate).
 * Decoupled gradients (see `UpdateExtras`) enter after the preconditioner.
 */
export function adam(learningRate: LearningRate, options: ScaleByAdamOptions = {}): GradientTransformation {
  return chain(scaleByAdam(options), addDecoupledGradients(), scaleByLearningRate(learningRate));
}

export interface AdamWOptions extends ScaleByAdamOptions {
  /** Decoupled weight decay (default 1e-2, as PyTorch). */
  readonly weightDecay?: number;
  /** Parameters that decay (globs or predicate); all when omitted. */
  readonly weightDecayMask?: ParamMask;
}

/**
 * AdamW = chain(scaleByAdam, addDecayedWeights, addDecoupledGradients, scaleByLearningRate):
 * the decay is scaled by the learning rate but not by the preconditioner.
 */
export function adamw(learningRate: LearningRate, options: AdamWOptions = {}): GradientTransformation {
  return chain(
    scaleByAdam(options),
    addDecayedWeights(options.weightDecay ?? 1e-2, options.weightDecayMask),
    addDecoupledGradients(),
    scaleByLearningRate(learningRate),
  );
}

export interface SgdOptions {
  /** Heavy-ball momentum (0 = plain gradient descent). */
  readonly momentum?: number;
  readonly nesterov?: boolean;
  /** Weight decay added to the gradient before momentum (coupled L2, as torch.optim.SGD). */
  readonly weightDecay?: number;
  readonly weightDecayMask?: ParamMask;
}

/**
 * (Stochastic) gradient descent with optional momentum and weight decay:
 * chain([addDecayedWeights], [traceMomentum], addDecoupledGradients, scaleByLearningRate).
 */
export function sgd(learningRate: LearningRate, options: SgdOptions = {}): GradientTransformation {
  const parts: GradientTransformation[] = [];
  if (options.weightDecay) parts.push(addDecayedWeights(options.weightDecay, options.weightDecayMask));
  if (options.momentum) parts.push(traceMomentum({ decay: options.momentum, nesterov: options.nesterov }));
  parts.push(addDecoupledGradients(), scaleByLearningRate(learningRate));
  return chain(...parts);
}

/** Full-batch gradient descent: the same transform as `sgd`. */
export const gd = sgd;
