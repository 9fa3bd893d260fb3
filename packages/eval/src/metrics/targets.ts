import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  selectableWeights,
  selectWeights,
  tensorToMatrix,
  type Dataset,
  type DenseMatrix,
  type Split,
  type TrainableModel,
  type WeightSelection,
} from '@rankbias/core';

/** A weight (or activation matrix) under its name, viewed as a matrix. */
export interface NamedMatrix {
  readonly name: string;
  /** Original tensor shape. */
  readonly shape: readonly number[];
  readonly matrix: DenseMatrix;
}

/** @deprecated Import `WeightSelection` from @rankbias/core; removed in the next minor. */
export type { WeightSelection } from '@rankbias/core';

/**
 * The selected weights of `model` as matrices, variables first (in model
 * order) then effective weights. Rank < 2 tensors are skipped.
 */
export async function selectWeightMatrices(
  model: TrainableModel,
  selection: WeightSelection = {},
): Promise<NamedMatrix[]> {
  const candidates = selectableWeights(model, { variables: 'all', effective: selection.effective ?? true });
  const picked = new Set(selectWeights(candidates, selection.select).map((w) => w.name));
  const wanted = (name: string) => picked.has(name);
  const out: NamedMatrix[] = [];
  for (const { name, variable } of model.variables()) {
    if (variable.rank < 2 || !wanted(name)) continue;
    out.push({ name, shape: variable.shape, matrix: await tensorToMatrix(variable) });
  }
  if ((selection.effective ?? true) && model.effectiveWeights) {
    let names: string[] = [];
    const tensors = tf.tidy(() => {
      const eff = model.effectiveWeights!().filter((w) => w.tensor.rank >= 2 && wanted(w.name));
      names = eff.map((w) => w.name);
      return eff.map((w) => w.tensor);
    });
    try {
      for (let i = 0; i < tensors.length; i++) {
        out.push({ name: names[i]!, shape: tensors[i]!.shape, matrix: await tensorToMatrix(tensors[i]!) });
      }
    } finally {
      tf.dispose(tensors);
    }
  }
  return out;
}

/** Where embeddings are taken. */
export interface EmbeddingOptions {
  /** Name of the layer of `model.layersModel` whose output is the embedding. */
  readonly layer: string;
  readonly split: Split;
  /** Number of examples (the first ones of the split; capped at its size). */
  readonly examples: number;
  /** Subtract the mean embedding before the SVD. */
  readonly center: boolean;
}

/**
 * The activations of a named layer on the first `examples` examples of a
 * split, flattened to `[examples, features]`.
 */
export async function embeddingMatrix(
  model: TrainableModel,
  dataset: Dataset,
  options: EmbeddingOptions,
): Promise<NamedMatrix> {
  const lm = model.layersModel;
  if (!lm)
    throw new Error(
      'embedding-rank: the model has no tfjs-layers model (layersModel), so layer outputs are not reachable',
    );
  const layer = lm.layers.find((l) => l.name === options.layer);
  if (!layer) {
    throw new Error(
      `embedding-rank: no layer named "${options.layer}"; layers: ${lm.layers.map((l) => l.name).join(', ')}`,
    );
  }
  const n = Math.min(options.examples, dataset.size(options.split));
  if (n < 1) throw new Error(`embedding-rank: split "${options.split}" is empty`);
  const indices = Int32Array.from({ length: n }, (_, i) => i);
  const batch = dataset.batch(options.split, indices, { augment: false });
  const sub = tfl.model({ inputs: lm.inputs, outputs: layer.output as tfl.SymbolicTensor });
  const act = tf.tidy(() => {
    const y = sub.predict(batch.x) as tf.Tensor;
    const flat = tf.reshape(y, [n, -1]);
    return options.center ? tf.sub(flat, tf.mean(flat, 0, true)) : flat;
  });
  tf.dispose([batch.x, batch.y]);
  try {
    const data = Float64Array.from((await act.data()) as ArrayLike<number>);
    return { name: options.layer, shape: act.shape, matrix: { rows: act.shape[0]!, cols: act.shape[1]!, data } };
  } finally {
    act.dispose();
  }
}
