import * as tf from '@tensorflow/tfjs-core';
import {
  denseMatrix,
  effectiveRank,
  singularValues,
  type Metric,
  type MetricContext,
  type MetricDescribeContext,
  type MetricKeyInfo,
  type TrainableModel,
} from '@rankbias/core';
import { MatrixCompletionDataset } from './dataset.js';
import { relativeError, rmse } from './problem.js';

/** The learned N × N matrix: the model's `end-to-end` effective weight, or its prediction at every entry. */
export function learnedMatrix(model: TrainableModel, size: number): Float32Array {
  const effective = model.effectiveWeights?.();
  const endToEnd = effective?.find((w) => w.name === 'end-to-end');
  if (endToEnd && endToEnd.tensor.shape.join() !== `${size},${size}`) {
    const shape = endToEnd.tensor.shape.join('×');
    tf.dispose(effective!.map((w) => w.tensor));
    throw new RangeError(
      `matrix-completion-error: the model's end-to-end matrix is ${shape} but the dataset is ${size}×${size}; set model.size: ${size}`,
    );
  }
  if (endToEnd) {
    const data = endToEnd.tensor.dataSync() as Float32Array;
    tf.dispose(effective!.map((w) => w.tensor));
    return data;
  }
  if (effective) tf.dispose(effective.map((w) => w.tensor));
  const all = tf.tidy(() => {
    const idx = new Int32Array(size * size * 2);
    for (let i = 0; i < size * size; i++) {
      idx[2 * i] = Math.floor(i / size);
      idx[2 * i + 1] = i % size;
    }
    return tf.reshape(model.apply(tf.tensor2d(idx, [size * size, 2], 'int32'), { training: false }), [-1]);
  });
  const data = all.dataSync() as Float32Array;
  all.dispose();
  return data;
}

/** What the `matrix-completion-error` metric reports for a learned matrix. */
export function matrixCompletionReport(
  learned: ArrayLike<number>,
  dataset: MatrixCompletionDataset,
  topK: number,
): Record<string, number> {
  const { truth, observed, unobserved, size } = dataset.problem;
  const sigma = singularValues(denseMatrix(size, size, learned));
  const relError = relativeError(learned, truth, unobserved);
  const out: Record<string, number> = {
    // ‖P(W − W*)‖_F / ‖P(W*)‖_F over the unobserved entries P, and its square (the relative MSE of the paper's tables).
    'test/rel_error': relError,
    'test/rel_mse': relError * relError,
    'test/rmse': rmse(learned, truth, unobserved),
    'train/rmse': rmse(learned, truth, observed),
    'end-to-end/erank': effectiveRank(sigma),
  };
  for (let i = 0; i < Math.min(topK, sigma.length); i++) out[`end-to-end/sigma_${i + 1}`] = sigma[i]!;
  return out;
}

/**
 * Metric for matrix completion: relative Frobenius error and RMSE on the
 * unobserved entries, RMSE on the observed ones, effective rank
 * (exp of spectral entropy) and top singular values of the learned matrix.
 */
export class MatrixCompletionError implements Metric {
  constructor(readonly topK: number) {}

  describe({ dataset }: MetricDescribeContext): MetricKeyInfo[] {
    const reference = dataset.knownRank !== undefined ? [{ value: dataset.knownRank, label: 'true rank' }] : undefined;
    return [
      { key: 'test/rel_error', direction: 'min', label: 'relative error on unobserved entries', unit: '' },
      { key: 'test/rel_mse', direction: 'min', label: 'relative squared error on unobserved entries', unit: '' },
      { key: 'test/rmse', direction: 'min', label: 'RMSE on unobserved entries', unit: '' },
      { key: 'train/rmse', direction: 'min', label: 'RMSE on observed entries', unit: '' },
      {
        key: 'end-to-end/erank',
        direction: 'none',
        label: 'effective rank of the learned matrix',
        unit: '',
        ...(reference ? { reference } : {}),
      },
      { key: 'end-to-end/sigma_*', direction: 'none', label: 'singular value σ{*} of the learned matrix', unit: '' },
    ];
  }

  compute(ctx: MetricContext): Record<string, number> {
    if (!(ctx.dataset instanceof MatrixCompletionDataset)) {
      throw new Error(
        `metric "matrix-completion-error" needs the dataset "matrix-completion", got "${ctx.dataset.name}". ` +
          `Remove the metric or use data: {use: matrix-completion}.`,
      );
    }
    return matrixCompletionReport(learnedMatrix(ctx.model, ctx.dataset.problem.size), ctx.dataset, this.topK);
  }
}
