import * as tf from '@tensorflow/tfjs-core';
import {
  backendMatMulGemm,
  type NamedTensor,
  type NamedVariable,
  type Rng,
  type StackedModel,
  type TrainableModel,
} from '@rankbias/core';
import { factorChainEntries } from './factor-chain-entries.js';
import { gatherEntries } from './gather-entries.js';
import { StackedMatrixFactorization } from './stacked-model.js';

export { gatherEntries } from './gather-entries.js';

export interface MatrixFactorizationOptions {
  /** N: each factor is N × N. */
  readonly size: number;
  /** D: number of factors (1 = the matrix itself). */
  readonly depth: number;
  /** s: each factor ~ N(0, (s^{1/D} / sqrt N)²), so ‖W_e‖_F ≈ s·sqrt N. */
  readonly initScale: number;
}

/** `base`, or `base_<k>` with the smallest k free among registered tfjs variables. */
export function freeVariableName(base: string): string {
  const taken = tf.engine().registeredVariables;
  if (!taken[base]) return base;
  for (let k = 1; ; k++) if (!taken[`${base}_${k}`]) return `${base}_${k}`;
}

/**
 * Deep matrix factorisation W_e = W_D ⋯ W_1 (bias-free N × N factors); the
 * prediction for an entry x = [row, col] is W_e[row, col]. Variables are
 * named `W1` … `WD`; the end-to-end product is the effective weight
 * `end-to-end`.
 */
export class MatrixFactorization implements TrainableModel {
  /** W1 … WD. */
  readonly factors: readonly NamedVariable[];

  constructor(
    readonly options: MatrixFactorizationOptions,
    rng: Rng,
  ) {
    const { size: n, depth, initScale } = options;
    if (!Number.isInteger(depth) || depth < 1)
      throw new RangeError(`matrix-factorization: depth must be an integer >= 1, got ${depth}`);
    const std = initScale ** (1 / depth) / Math.sqrt(n);
    this.factors = Array.from({ length: depth }, (_, i) => {
      const values = Float32Array.from({ length: n * n }, () => rng.normal() * std);
      const name = `W${i + 1}`;
      return {
        name,
        variable: tf.variable(tf.tensor2d(values, [n, n]), true, freeVariableName(`matrix-factorization/${name}`)),
      };
    });
  }

  /** W_e = W_D ⋯ W_1 (a new tensor; differentiable). */
  endToEnd(): tf.Tensor2D {
    // At depth 1 the product is the variable itself: a clone, so that the caller may dispose what it gets.
    return tf.tidy(() => (this.factors.length === 1 ? (this.product().clone() as tf.Tensor2D) : this.product()));
  }

  /** W_D ⋯ W_1, differentiable; at depth 1 the variable itself (not to be disposed). */
  private product(): tf.Tensor2D {
    const [first, ...rest] = this.factors.map((f) => f.variable as tf.Tensor2D);
    let product = first!;
    for (const factor of rest) product = tf.matMul(factor, product);
    return product;
  }

  /**
   * The predicted entries W_e[row, col] as a column. Where the backend's matrix
   * products run on a BLAS gemm (wasm with `linalg: auto|lapack`), the chain,
   * the gather and their gradients are one op with the same numbers
   * (`factorChainEntries`); elsewhere tfjs ops.
   */
  apply(x: tf.Tensor, _options?: { training: boolean }): tf.Tensor {
    return tf.tidy(() => {
      const indices = x.dtype === 'int32' ? x : tf.cast(x, 'int32'); // the dataset's x is int32: no Cast kernel
      const gemm = backendMatMulGemm();
      if (gemm) {
        const factors = this.factors.map((f) => f.variable as tf.Tensor2D);
        return factorChainEntries(factors, indices, gemm, { column: true });
      }
      return tf.reshape(gatherEntries(this.product(), indices), [-1, 1]);
    });
  }

  trainableVariables(): NamedVariable[] {
    return [...this.factors];
  }

  variables(): NamedVariable[] {
    return [...this.factors];
  }

  effectiveWeights(): NamedTensor[] {
    return [{ name: 'end-to-end', tensor: this.endToEnd() }];
  }

  /** K = 1 + others.length factorisations of the same size and depth as one batched model (`trainBatched`). */
  stackWith(others: readonly TrainableModel[]): StackedModel {
    const models = [this, ...others];
    for (const m of models) {
      if (
        !(m instanceof MatrixFactorization) ||
        m.options.size !== this.options.size ||
        m.options.depth !== this.options.depth
      ) {
        throw new TypeError('matrix-factorization: only factorisations of the same size and depth stack');
      }
    }
    return new StackedMatrixFactorization(models as MatrixFactorization[], freeVariableName);
  }

  dispose(): void {
    for (const f of this.factors) f.variable.dispose();
  }
}
