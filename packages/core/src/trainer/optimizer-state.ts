import * as tf from '@tensorflow/tfjs-core';
import type { NamedVariable } from '../contracts/named-tensor.js';
import { TrainerError } from './errors.js';

/** Prefix of the checkpoint names of optimizer fields that are variables but not in `getWeights()`. */
export const FIELD_PREFIX = 'field:';

/**
 * Optimizer state under stable names. tfjs names an optimizer's slots after
 * the process-unique variable names (`dense_Dense3/kernel/m`); here each
 * such prefix becomes the variable's stable name (`hidden/kernel/m`). The
 * order of `getWeights()` is kept (tfjs optimizers match slots by position).
 * Variables the optimizer holds outside `getWeights()` (e.g. Adam's running
 * β powers, which `setWeights` would otherwise recompute with `pow` and so
 * round differently) are stored as `field:<property>`.
 */
export async function captureOptimizerState(
  optimizer: tf.Optimizer,
  trainable: readonly NamedVariable[],
): Promise<{ name: string; tensor: tf.Tensor }[]> {
  let weights: Awaited<ReturnType<tf.Optimizer['getWeights']>>;
  try {
    weights = await optimizer.getWeights();
  } catch (e) {
    throw new TrainerError(
      `the optimizer (${optimizer.getClassName()}) cannot be checkpointed: getWeights() failed (${(e as Error).message}); use an optimizer that implements getWeights/setWeights`,
    );
  }
  const toStable = new Map(trainable.map((v) => [v.variable.name, v.name]));
  const inWeights = new Set(weights.map((w) => w.tensor));
  const out = weights.map((w) => ({ name: stableSlotName(w.name, toStable), tensor: w.tensor }));
  for (const [key, value] of Object.entries(optimizer)) {
    if (value instanceof tf.Variable && !inWeights.has(value))
      out.push({ name: `${FIELD_PREFIX}${key}`, tensor: value });
  }
  return out;
}

/** Disposes what `captureOptimizerState` created (not the optimizer's own variables). */
export function releaseCapturedState(state: readonly { tensor: tf.Tensor }[]): void {
  for (const { tensor } of state) if (!(tensor instanceof tf.Variable)) tensor.dispose();
}

function stableSlotName(name: string, toStable: ReadonlyMap<string, string>): string {
  for (const [unique, stable] of toStable) {
    if (name === unique || name.startsWith(`${unique}/`)) return stable + name.slice(unique.length);
  }
  return name;
}

/** Restores state captured by `captureOptimizerState` (consumes and disposes `state`). */
export async function restoreOptimizerState(
  optimizer: tf.Optimizer,
  trainable: readonly NamedVariable[],
  state: { name: string; tensor: tf.Tensor }[],
): Promise<void> {
  const toUnique = new Map(trainable.map((v) => [v.name, v.variable.name]));
  const weights = state.filter((s) => !s.name.startsWith(FIELD_PREFIX));
  const fields = state.filter((s) => s.name.startsWith(FIELD_PREFIX));
  try {
    if (weights.length) {
      await optimizer.setWeights(weights.map((w) => ({ name: uniqueSlotName(w.name, toUnique), tensor: w.tensor })));
    }
    for (const f of fields) {
      const key = f.name.slice(FIELD_PREFIX.length);
      const target = (optimizer as unknown as Record<string, unknown>)[key];
      if (!(target instanceof tf.Variable) || !tf.util.arraysEqual(target.shape, f.tensor.shape)) {
        throw new TrainerError(
          `checkpoint holds optimizer field "${key}" that this optimizer (${optimizer.getClassName()}) lacks or shapes differently`,
        );
      }
      target.assign(f.tensor);
    }
  } finally {
    tf.dispose(state.map((s) => s.tensor));
  }
}

function uniqueSlotName(name: string, toUnique: ReadonlyMap<string, string>): string {
  let best = '';
  for (const stable of toUnique.keys()) {
    if ((name === stable || name.startsWith(`${stable}/`)) && stable.length > best.length) best = stable;
  }
  return best ? toUnique.get(best)! + name.slice(best.length) : name;
}
