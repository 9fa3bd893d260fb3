import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { TrainableModel } from '../contracts/model.js';
import type { NamedTensor, NamedVariable } from '../contracts/named-tensor.js';

interface LayerVariableLike {
  readonly name: string;
  readonly originalName?: string;
  readonly trainable: boolean;
  read(): tf.Variable;
}

/**
 * The stable name of a layer weight: tfjs makes variable names unique per
 * process (`dense/kernel_3`); the original name (`dense/kernel`) is the same
 * in every process that builds the same model, so checkpoints use it.
 */
export function weightName(w: LayerVariableLike): string {
  return w.originalName ?? w.name;
}

function named(weights: readonly LayerVariableLike[]): NamedVariable[] {
  const seen = new Map<string, number>();
  return weights.map((w) => {
    let name = weightName(w);
    const k = seen.get(name) ?? 0;
    seen.set(name, k + 1);
    if (k > 0) name = `${name}#${k}`;
    return { name, variable: w.read() };
  });
}

/**
 * Wraps a tfjs-layers model as a `TrainableModel`. `apply` replaces the
 * model's own forward pass (a builder that knows its architecture may compute
 * the same function with fewer tfjs kernels, on the same variables).
 */
export function fromLayersModel(
  model: LayersModel,
  options: {
    effectiveWeights?: () => NamedTensor[];
    apply?: (x: tf.Tensor, options: { training: boolean }) => tf.Tensor;
  } = {},
): TrainableModel {
  const apply = options.apply;
  return {
    layersModel: model,
    apply: apply ?? ((x, { training }) => model.apply(x, { training }) as tf.Tensor),
    trainableVariables: () => named(model.trainableWeights as unknown as LayerVariableLike[]),
    variables: () => named(model.weights as unknown as LayerVariableLike[]),
    effectiveWeights: options.effectiveWeights,
    dispose: () => model.dispose(),
  };
}
