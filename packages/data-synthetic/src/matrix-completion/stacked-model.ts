import * as tf from '@tensorflow/tfjs-core';
import { backendMatMulGemm, type NamedTensor, type NamedVariable, type StackedModel } from '@rankbias/core';
import { factorChainEntries } from './factor-chain-entries.js';
import type { MatrixFactorization } from './model.js';
import { gatherEntries } from './gather-entries.js';

/**
 * K matrix factorisations of one size and depth as one model: factor i of
 * every run stacked into a `[K, N, N]` variable (stable name `W<i>` as in a
 * single model), the end-to-end products by batched matmul, and the entry
 * `[row, col]` of run k read as row `k·N + row` of the products viewed
 * `[K·N, N]`: one gather for all runs, whatever K.
 */
export class StackedMatrixFactorization implements StackedModel {
  readonly size: number;
  private readonly factors: NamedVariable[];
  /** `[K, batch, 2]` offsets `[k·N, 0]` added to run k's entries `[row, col]`, by batch size. */
  private readonly runOffsets = new Map<number, tf.Tensor>();
  /** The gather indices of the last input: a fixed full batch comes back as the same tensor every step. */
  private lastIndices?: { readonly x: tf.Tensor; readonly indices: tf.Tensor };

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

  /** Rows `[k·N + row, col]` of the entries `x` `[K, batch, 2]` (kept; reused while `x` is the same tensor). */
  private indicesOf(x: tf.Tensor): tf.Tensor {
    if (this.lastIndices?.x === x) return this.lastIndices.indices;
    const [k, batch] = x.shape as [number, number, number];
    let offsets = this.runOffsets.get(batch);
    if (!offsets) {
      // A same-shape int32 add: wasm's broadcasting int32 add is ~10x slower.
      const n = this.models[0]!.options.size;
      const values = Int32Array.from({ length: k * batch * 2 }, (_, i) =>
        i % 2 ? 0 : Math.floor(i / (2 * batch)) * n,
      );
      offsets = tf.keep(tf.tensor3d(values, [k, batch, 2], 'int32'));
      this.runOffsets.set(batch, offsets);
    }
    const indices = tf.keep(tf.add(x.dtype === 'int32' ? x : tf.cast(x, 'int32'), offsets));
    if (this.lastIndices) this.lastIndices.indices.dispose();
    this.lastIndices = { x, indices };
    return indices;
  }

  /**
   * Run k's predictions for its entries `x[k]`, `[K, batch, 1]`. Where the
   * backend's products run on a BLAS gemm, one `factorChainEntries` op for
   * all runs (the same numbers); elsewhere batched tfjs ops.
   */
  apply(x: tf.Tensor, _options?: { training: boolean }): tf.Tensor {
    const [k, batch] = x.shape as [number, number, number];
    const gemm = backendMatMulGemm();
    if (gemm) {
      return tf.tidy(() => {
        const indices = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
        return factorChainEntries(
          this.factors.map((f) => f.variable),
          indices,
          gemm,
          { column: true },
        );
      });
    }
    return tf.tidy(() => {
      const products = this.endToEnd();
      const [, n, m] = products.shape;
      return tf.reshape(gatherEntries(tf.reshape(products, [k * n, m]), this.indicesOf(x)), [k, batch, 1]);
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
    for (const t of this.runOffsets.values()) t.dispose();
    this.runOffsets.clear();
    this.lastIndices?.indices.dispose();
    this.lastIndices = undefined;
  }
}
