import * as tf from '@tensorflow/tfjs-core';
import type { TrainableModel } from '../contracts/model.js';
import { matchesAny } from '../registry/glob.js';

/** A weight a penalty or metric may select: a variable or an effective weight. */
export interface SelectableWeight {
  readonly name: string;
  readonly rank: number;
  readonly effective: boolean;
}

/** Which weights of a model a penalty or metric looks at. */
export interface WeightSelection {
  /** Globs over weight names (`hidden_*`, `{a,b}/kernel`, `hidden_[01]/kernel`). Default: every weight of rank >= 2 and every effective weight. */
  readonly select?: readonly string[];
  /** Include the model's effective weights (e.g. `end-to-end` of a linear chain). Default true. */
  readonly effective?: boolean;
}

/**
 * Names and ranks of everything that may be selected: the trainable variables
 * (or every variable, with `variables: 'all'`) then the effective weights.
 */
export function selectableWeights(
  model: TrainableModel,
  options: { variables?: 'trainable' | 'all'; effective?: boolean } = {},
): SelectableWeight[] {
  const list = options.variables === 'all' ? model.variables() : model.trainableVariables();
  const vars = list.map((v) => ({ name: v.name, rank: v.variable.rank, effective: false }));
  if (options.effective === false) return vars;
  const effective = tf.tidy(() =>
    (model.effectiveWeights?.() ?? []).map((w) => ({ name: w.name, rank: w.tensor.rank, effective: true })),
  );
  return [...vars, ...effective];
}

/** The candidates `select` picks: those matching its globs, or by default every weight of rank >= 2 and every effective weight. */
export function selectWeights(
  candidates: readonly SelectableWeight[],
  select: readonly string[] | undefined,
): SelectableWeight[] {
  return select?.length
    ? candidates.filter((w) => matchesAny(select, w.name))
    : candidates.filter((w) => w.effective || w.rank >= 2);
}
