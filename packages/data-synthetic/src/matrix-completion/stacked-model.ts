import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor, NamedVariable, StackedModel } from '@rankbias/core';
import type { MatrixFactorization } from './model.js';
import { gatherEntries } from './gather-entries.js';

/**
 * K matrix factorisations of one size and depth as one model: factor i of
 * every run stacked into a `[K, N, N]` variable (stable name `W<i>` as in a
 * single model), the end-to-end products by batched matmul, and the entry
 * `[row, col]` of run k read from slice k.
 */
export class StackedMatrixFactorization implements StackedModel {
  readonly size: number;
  private readonly factors: NamedVariable[];
  /** `[K, batch, 1]` run indices, by batch size: joined to the entries' [row, col]. */
  private readonly runIndex = new Map<number, tf.Tensor>();

  constructor(
    private readonly models: readonly MatrixFactorization[],
    freeName: (base: string) => string,
  ) {
    this.size = models.length;
    this.factors = models[0]!.factors.map((f, i) => ({
      name: f.name,
      variable: tf.variable(
        tf.tidy(() => tf.stack(models.map((m) => m.factors[i]!.variable))),
        true,
        freeName(`matrix-factorization/stacked/${f.name}`),
      ),
    }));
  }

  /** W_e of every run, `[K, N, N]`. */
  private endToEnd(): tf.Tensor3D {
    return tf.tidy(() => {
      let product = this.factors[0]!.variable.clone() as tf.Tensor3D;
      for (let i = 1; i < this.factors.length; i++)
        product = tf.matMul(this.factors[i]!.variable as tf.Tensor3D, product);
      return product;
    });
  }

  private runIndices(batch: number): tf.Tensor {
    let index = this.runIndex.get(batch);
    if (!index) {
      const values = Int32Array.from({ length: this.size * batch }, (_, i) => Math.floor(i / batch));
      // kept: created inside the step's tidy, reused by every later step
      index = tf.keep(tf.tensor3d(values, [this.size, batch, 1], 'int32'));
      this.runIndex.set(batch, index);
    }
    return index;
  }

  apply(x: tf.Tensor, _options?: { training: boolean }): tf.Tensor {
    const [k, batch] = x.shape as [number, number, number];
    return tf.tidy(() => {
      const indices = tf.concat([this.runIndices(batch), tf.cast(x, 'int32')], 2);
      return tf.reshape(gatherEntries(this.endToEnd(), indices), [k, batch, 1]);
    });
  }

  trainableVariables(): NamedVariable[] {
    return [...this.factors];
  }

  effectiveWeights(): NamedTensor[] {
    return [{ name: 'end-to-end', tensor: this.endToEnd() }];
  }

  writeTo(k: number): void {
    tf.tidy(() => {
      this.factors.forEach((f, i) =>
        this.models[k]!.factors[i]!.variable.assign(tf.squeeze(tf.gather(f.variable, [k]), [0])),
      );
    });
  }

  dispose(): void {
    for (const f of this.factors) f.variable.dispose();
    for (const t of this.runIndex.values()) t.dispose();
    this.runIndex.clear();
  }
}
