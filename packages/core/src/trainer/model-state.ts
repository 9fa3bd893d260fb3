import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../contracts/named-tensor.js';
import { TrainerError } from './errors.js';

/**
 * Assigns checkpointed values to the model's variables, matched by stable
 * name. When the names differ but the list has the same length and shapes
 * (a model whose layers were auto-named differently in this process), they
 * are matched by position. Consumes and disposes `saved`.
 */
export function assignVariables(
  variables: readonly NamedVariable[],
  saved: { name: string; tensor: tf.Tensor }[],
): void {
  try {
    const byName = new Map(saved.map((s) => [s.name, s.tensor]));
    const allNamed = variables.length === saved.length && variables.every((v) => byName.has(v.name));
    const positional =
      !allNamed &&
      variables.length === saved.length &&
      variables.every((v, i) => tf.util.arraysEqual(v.variable.shape, saved[i]!.tensor.shape));
    if (!allNamed && !positional) {
      const missing = variables.filter((v) => !byName.has(v.name)).map((v) => v.name);
      throw new TrainerError(
        `the checkpoint does not match the model: checkpoint has ${saved.length} variables (${saved.map((s) => s.name).join(', ')}), ` +
          `model has ${variables.length}${missing.length ? `; missing: ${missing.join(', ')}` : ''}. Was the model plugin changed? Start a new run (new --out).`,
      );
    }
    variables.forEach((v, i) => {
      const value = allNamed ? byName.get(v.name)! : saved[i]!.tensor;
      if (!tf.util.arraysEqual(v.variable.shape, value.shape)) {
        throw new TrainerError(
          `checkpoint variable ${v.name} has shape [${value.shape}], the model's has [${v.variable.shape}]`,
        );
      }
      v.variable.assign(value.dtype === v.variable.dtype ? value : tf.cast(value, v.variable.dtype));
    });
  } finally {
    tf.dispose(saved.map((s) => s.tensor));
  }
}
