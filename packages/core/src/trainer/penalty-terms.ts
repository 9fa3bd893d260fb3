import * as tf from '@tensorflow/tfjs-core';
import type { TrainableModel } from '../contracts/model.js';
import type { NamedTensor, NamedVariable } from '../contracts/named-tensor.js';
import { supportsDecoupled } from '../contracts/optimizer.js';
import type { Penalty } from '../contracts/penalty.js';
import { selectableWeights, selectWeights } from '../models/weight-selection.js';
import { TrainerError } from './errors.js';

/** A configured penalty: the plugin plus the options the trainer applies. */
export interface PenaltyTerm {
  /** Record key, `penalty/<name>` (index-suffixed when a name repeats). */
  readonly label: string;
  readonly penalty: Penalty;
  readonly weight: number;
  readonly coupling: 'coupled' | 'decoupled';
  /** Names of the weights it applies to. */
  readonly names: ReadonlySet<string>;
}

/** Record keys for penalties named `names`: `penalty/l2`, or `penalty/l2#0`, `penalty/l2#1` when repeated. */
export function penaltyLabels(names: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((n) => {
    if (counts.get(n) === 1) return `penalty/${n}`;
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return `penalty/${n}#${k}`;
  });
}

/**
 * The names a penalty applies to: those matching its `select` globs, or by
 * default every trainable variable of rank >= 2 and every effective weight.
 */
export function selectPenaltyWeights(
  model: TrainableModel,
  select: readonly string[] | undefined,
  where: string,
): Set<string> {
  const all = selectableWeights(model);
  const picked = selectWeights(all, select);
  if (!picked.length) {
    const names = all.map((w) => w.name).join(', ') || '(none)';
    throw new TrainerError(
      select
        ? `${where}: select [${select.join(', ')}] matches no weight of the model. Weights: ${names}`
        : `${where}: the model has no weight of rank >= 2 to penalise; name the weights with select. Weights: ${names}`,
    );
  }
  return new Set(picked.map((w) => w.name));
}

/** Weighted value λ·P(selected weights) of each term, computed from the candidates of one forward pass. */
export function weightedPenalties(
  terms: readonly PenaltyTerm[],
  trainable: readonly NamedVariable[],
  effective: readonly NamedTensor[],
): tf.Scalar[] {
  const candidates: NamedTensor[] = [
    ...trainable.map((v) => ({ name: v.name, tensor: v.variable as tf.Tensor })),
    ...effective,
  ];
  return terms.map((t) => {
    const selected = candidates.filter((c) => t.names.has(c.name));
    return tf.mul(t.penalty.value(selected), t.weight) as tf.Scalar;
  });
}

/**
 * Throws a `TrainerError` when some penalties are `coupling: decoupled` and
 * `optimizer` (named `name` in the config) cannot take their gradients apart.
 */
export function assertDecoupledSupport(
  penalties: readonly Pick<PenaltyTerm, 'label' | 'coupling'>[],
  optimizer: tf.Optimizer,
  name: string,
): void {
  const decoupled = penalties.filter((p) => p.coupling === 'decoupled');
  if (decoupled.length && !supportsDecoupled(optimizer)) {
    throw new TrainerError(
      `${decoupled.map((p) => p.label).join(', ')}: coupling: decoupled needs an optimizer with applyGradientsDecoupled, ` +
        `and optimizer "${name}" has none; use coupling: coupled or an optimizer that supports it (e.g. adamw from @rankbias/optim-adam-rank)`,
    );
  }
}
