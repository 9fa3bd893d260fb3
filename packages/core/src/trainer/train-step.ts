import * as tf from '@tensorflow/tfjs-core';
import type { Batch, TaskKind } from '../contracts/dataset.js';
import type { TrainableModel } from '../contracts/model.js';
import type { DecoupledOptimizer } from '../contracts/optimizer.js';
import type { NamedVariable } from '../contracts/named-tensor.js';
import { withFirstOrderSaves } from '../backend/first-order-saves.js';
import { NonFiniteLossError } from './errors.js';
import { assertDecoupledSupport, weightedPenalties, type PenaltyTerm } from './penalty-terms.js';
import { taskLoss } from './task-loss.js';

export interface TrainStepInputs {
  readonly model: TrainableModel;
  readonly optimizer: tf.Optimizer;
  readonly task: TaskKind;
  readonly trainable: readonly NamedVariable[];
  readonly penalties: readonly PenaltyTerm[];
}

/** Gradients keyed by tfjs variable name, in the fixed order of `trainable` (zeros where a variable got none). */
function ordered(trainable: readonly NamedVariable[], grads: tf.NamedTensorMap): tf.NamedTensorMap {
  const out: tf.NamedTensorMap = {};
  for (const { variable } of trainable) out[variable.name] = grads[variable.name] ?? tf.zerosLike(variable);
  return out;
}

/**
 * One optimisation step on `batch`, synchronous (so the caller can route
 * `Math.random` through a seeded generator for dropout). Coupled penalties
 * are added to the loss inside the gradient tape; decoupled ones get their
 * own gradient, handed to `applyGradientsDecoupled`. Every loss term is
 * checked before the update: a NaN/Inf throws `NonFiniteLossError` and the
 * weights stay as they were.
 *
 * Returns `loss`, `loss/data` and `penalty/<name>` (weighted) values.
 */
export function trainStep(inputs: TrainStepInputs, batch: Batch, step: number): Record<string, number> {
  const { model, optimizer, task, trainable, penalties } = inputs;
  const coupled = penalties.filter((p) => p.coupling === 'coupled');
  const decoupled = penalties.filter((p) => p.coupling === 'decoupled');
  assertDecoupledSupport(penalties, optimizer, optimizer.getClassName());
  const vars = trainable.map((v) => v.variable);
  const kept: tf.Scalar[] = [];
  const labels = ['loss/data', ...coupled.map((p) => p.label), ...decoupled.map((p) => p.label)];

  // First-order gradients: the tape saves its tensors without tfjs's clone kernels (the same numbers).
  const { terms, grads, decoupledGrads } = withFirstOrderSaves(() =>
    tf.tidy(() => {
      const main = tf.variableGrads(() => {
        const output = model.apply(batch.x, { training: true });
        const data = taskLoss(task, output, batch.y);
        const pens = coupled.length ? weightedPenalties(coupled, trainable, model.effectiveWeights?.() ?? []) : [];
        kept.push(tf.keep(data), ...pens.map((p) => tf.keep(p)));
        return pens.reduce<tf.Scalar>((acc, p) => tf.add(acc, p), data);
      }, vars);
      let dGrads: tf.NamedTensorMap | undefined;
      if (decoupled.length) {
        const side = tf.variableGrads(() => {
          const pens = weightedPenalties(decoupled, trainable, model.effectiveWeights?.() ?? []);
          kept.push(...pens.map((p) => tf.keep(p)));
          return tf.addN(pens) as tf.Scalar;
        }, vars);
        dGrads = ordered(trainable, side.grads);
      }
      // One host read for every term: stacked when there are several.
      const stacked = kept.length > 1 ? tf.stack(kept) : undefined;
      return { terms: stacked, grads: ordered(trainable, main.grads), decoupledGrads: dGrads };
    }),
  );
  const values = (terms ?? kept[0]!).dataSync();
  tf.dispose(kept);
  terms?.dispose();
  try {
    const record: Record<string, number> = {};
    let total = 0;
    labels.forEach((label, i) => {
      const v = values[i]!;
      if (!Number.isFinite(v)) throw new NonFiniteLossError(step, label, v);
      record[label] = v;
      total += v;
    });
    if (decoupledGrads) (optimizer as DecoupledOptimizer).applyGradientsDecoupled(grads, decoupledGrads);
    else optimizer.applyGradients(grads);
    return { loss: total, ...record };
  } finally {
    tf.dispose(grads);
    if (decoupledGrads) tf.dispose(decoupledGrads);
  }
}
