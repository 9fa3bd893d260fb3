import * as tf from '@tensorflow/tfjs-core';
import type { Batch, Dataset, Split } from '@rankbias/core';
import type { MatrixCompletionProblem } from './problem.js';

/**
 * Matrix completion as a regression dataset: an example is one entry,
 * x = [row, col] (int32), y = [value]. `train` = the observed entries,
 * `test` = every unobserved entry, `validation` is empty.
 */
export class MatrixCompletionDataset implements Dataset {
  readonly name = 'matrix-completion';
  readonly task = 'regression' as const;
  readonly inputShape = [2] as const;
  readonly outputSize = 1;
  readonly inputDtype = 'int32' as const;
  readonly augments = false;

  constructor(readonly problem: MatrixCompletionProblem) {}

  get knownRank(): number {
    return this.problem.rank;
  }

  private entries(split: Split): Int32Array {
    if (split === 'train') return this.problem.observed;
    if (split === 'test') return this.problem.unobserved;
    return new Int32Array(0);
  }

  size(split: Split): number {
    return this.entries(split).length;
  }

  batch(split: Split, indices: Int32Array): Batch {
    const entries = this.entries(split);
    const n = this.problem.size;
    const x = new Int32Array(indices.length * 2);
    const y = new Float32Array(indices.length);
    indices.forEach((k, i) => {
      if (k < 0 || k >= entries.length) {
        throw new RangeError(
          `matrix-completion: index ${k} out of range for split "${split}" of size ${entries.length}`,
        );
      }
      const flat = entries[k]!;
      x[2 * i] = Math.floor(flat / n);
      x[2 * i + 1] = flat % n;
      y[i] = this.problem.truth[flat]!;
    });
    return { x: tf.tensor2d(x, [indices.length, 2], 'int32'), y: tf.tensor2d(y, [indices.length, 1]) };
  }
}
