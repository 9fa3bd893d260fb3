import * as tf from '@tensorflow/tfjs-core';
import type { TaskKind } from '../../contracts/dataset.js';
import type { StackedModel } from '../../contracts/model.js';
import type { NamedTensor } from '../../contracts/named-tensor.js';
import type { PenaltyTerm } from '../penalty-terms.js';
import { withFirstOrderSaves } from '../../backend/first-order-saves.js';
import { stackedTaskLoss } from './stacked-loss.js';

export interface BatchedStepInputs {
  readonly model: StackedModel;
  readonly task: TaskKind;
  /** Run k's (coupled) penalty terms; every run has the same labels in the same order. */
  readonly penalties: readonly (readonly PenaltyTerm[])[];
}

/** Slice k of each stacked weight that some penalty selects, under the weight's name. */
function slices(weights: readonly NamedTensor[], size: number, selected: ReadonlySet<string>): NamedTensor[][] {
  const perRun: NamedTensor[][] = Array.from({ length: size }, () => []);
  for (const w of weights) {
    if (selected.has(w.name)) tf.unstack(w.tensor).forEach((t, k) => perRun[k]!.push({ name: w.name, tensor: t }));
  }
  return perRun;
}

/**
 * Loss terms and gradients of K runs in one tape: the loss is the sum of the
 * runs' losses, so slice k of each gradient is run k's own gradient. A
 * penalty with `stackedValue` takes the stacked weights in one call; others
 * are called once per run on slices.
 * `terms` is `[1 + penalties, K]`: the data loss of each run, then each
 * weighted penalty. Nothing is applied.
 */
export function batchedLossAndGrads(
  inputs: BatchedStepInputs,
  x: tf.Tensor,
  y: tf.Tensor,
): { terms: tf.Tensor2D; grads: tf.NamedTensorMap } {
  const { model, task, penalties } = inputs;
  const trainable = model.trainableVariables();
  const kept: tf.Tensor[] = [];
  // First-order gradients: the tape saves its tensors without tfjs's clone kernels (the same numbers).
  const { grads, terms } = withFirstOrderSaves(() =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => {
          const data = stackedTaskLoss(task, model.apply(x, { training: true }), y);
          kept.push(tf.keep(data));
          let total = tf.sum(data) as tf.Scalar;
          if (penalties[0]!.length) {
            const stacks: NamedTensor[] = [
              ...trainable.map((v) => ({ name: v.name, tensor: v.variable as tf.Tensor })),
              ...(model.effectiveWeights?.() ?? []),
            ];
            let candidates: NamedTensor[][] | undefined;
            penalties[0]!.forEach((first, j) => {
              // Runs differ only in seed, so run 0's term stands for every run's.
              const { penalty, names, weight } = first;
              let values: tf.Tensor;
              if (penalty.stackedValue) {
                values = tf.mul(
                  penalty.stackedValue(
                    stacks.filter((c) => names.has(c.name)),
                    model.size,
                  ),
                  weight,
                );
              } else {
                candidates ??= slices(stacks, model.size, new Set(penalties[0]!.flatMap((term) => [...term.names])));
                values = tf.stack(
                  penalties.map((terms, k) => {
                    const term = terms[j]!;
                    return tf.mul(
                      term.penalty.value(candidates![k]!.filter((c) => term.names.has(c.name))),
                      term.weight,
                    ) as tf.Scalar;
                  }),
                );
              }
              kept.push(tf.keep(values));
              total = tf.add(total, tf.sum(values));
            });
          }
          return total;
        },
        trainable.map((v) => v.variable),
      );
      return { grads, terms: tf.stack(kept) as tf.Tensor2D };
    }),
  );
  tf.dispose(kept);
  return { terms, grads };
}
