import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables.js';
import type { BatchNormState } from '../compose/batch-norm-fold.js';
import { foldBatchNorm } from '../compose/batch-norm-fold.js';
import { gainFor } from './gain.js';

/**
 * How an expanded layer computes its forward pass.
 * - `effective`: contract the factors into one kernel (once per call) and run
 *   one Dense/Conv op, so a step costs about what the base layer costs.
 * - `chain`: apply the sub-layers one after another (the reference
 *   formulation; used to prove the two agree, and for batch norm in training).
 * - `auto`: per call, whichever of the two needs fewer multiply-adds for the
 *   input's shape (the contraction does not depend on the batch size, so
 *   small dense batches can be cheaper as a chain; convolutions almost
 *   always take `effective`).
 */
export type ExpansionMode = 'effective' | 'chain' | 'auto';

/** Options shared by `ExpandedDense` and `ExpandedConv2D`. */
export interface ExpandedLayerArgs extends LayerArgs {
  /** Widths of the hidden sides of the factors, length depth − 1 (empty: depth 1). */
  innerWidths: number[];
  /** Activation after the (collapsed) layer, a tfjs activation name. Default `linear`. */
  activation?: string;
  /** Bias in every sub-layer (the collapsed layer has one bias). Default true. */
  useBias?: boolean;
  /** Batch norm after every sub-layer but the last; folds with its running statistics. Default false. */
  batchNorm?: boolean;
  /** Forward mode, default `auto`. */
  mode?: ExpansionMode;
  /** He gain of the last factor; inner factors use gain 1. Default: the activation's gain. */
  lastGain?: number;
  /** Running-statistics momentum (tfjs convention: new = m·old + (1−m)·batch). Default 0.9. */
  batchNormMomentum?: number;
  /** Batch-norm ε. Default 1e-5. */
  batchNormEpsilon?: number;
}

interface BatchNormWeights {
  gamma: LayerVariable;
  beta: LayerVariable;
  movingMean: LayerVariable;
  movingVariance: LayerVariable;
}

/**
 * Shared machinery of the expanded layers: factor weights, optional batch
 * norm between factors, the two forward modes and the effective kernel.
 * Subclasses say what one factor is (a matmul or a convolution).
 */
export abstract class ExpandedLayerBase extends tfl.layers.Layer {
  readonly innerWidths: number[];
  readonly activationName: string;
  readonly useBias: boolean;
  readonly batchNorm: boolean;
  mode: ExpansionMode;
  readonly lastGain: number;
  readonly batchNormMomentum: number;
  readonly batchNormEpsilon: number;
  protected kernels: LayerVariable[] = [];
  protected biases: (LayerVariable | null)[] = [];
  protected norms: BatchNormWeights[] = [];
  private readonly activationLayer: tfl.layers.Layer;

  constructor(args: ExpandedLayerArgs) {
    super(args);
    if (!Array.isArray(args.innerWidths) || args.innerWidths.some((w) => !Number.isInteger(w) || w < 1)) {
      throw new Error(
        `${new.target.name}: innerWidths must be a list of positive integers, got ${JSON.stringify(args.innerWidths)}`,
      );
    }
    this.innerWidths = [...args.innerWidths];
    this.activationName = args.activation ?? 'linear';
    this.useBias = args.useBias ?? true;
    this.batchNorm = args.batchNorm ?? false;
    this.mode = args.mode ?? 'auto';
    this.lastGain = args.lastGain ?? gainFor(this.activationName);
    this.batchNormMomentum = args.batchNormMomentum ?? 0.9;
    this.batchNormEpsilon = args.batchNormEpsilon ?? 1e-5;
    this.activationLayer = tfl.layers.activation({ activation: this.activationName as never });
    this.supportsMasking = false;
  }

  /** Number of factors. */
  get depth(): number {
    return this.innerWidths.length + 1;
  }

  /** The factor variables, first to last. */
  factorKernels(): LayerVariable[] {
    return this.kernels;
  }

  /** Shape of factor `i` given its in/out widths. */
  protected abstract factorShape(i: number, inWidth: number, outWidth: number): number[];
  /** He fan of factor `i` (fan-in for dense, fan-out for conv) and its fan-in for the bias bound. */
  protected abstract fans(shape: number[]): { he: number; biasFanIn: number };
  /** Applies factor `i` of the explicit chain (no bias). */
  protected abstract applyFactor(x: tf.Tensor, kernel: tf.Tensor, i: number): tf.Tensor;
  /** Applies the effective kernel as one op (no bias). */
  protected abstract applyEffective(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor;
  /** Contracts factor kernels (already batch-norm folded) and biases into one. */
  protected abstract compose(
    kernels: tf.Tensor[],
    biases: (tf.Tensor1D | null)[],
  ): { kernel: tf.Tensor; bias: tf.Tensor1D | null };
  /** Output width of the collapsed layer (units or filters). */
  protected abstract get outWidth(): number;
  /** Multiply-adds of one forward pass on `inputShape` as a chain and as contraction + one op. */
  protected abstract forwardCosts(inputShape: readonly number[]): { chain: number; effective: number };

  /** Adds the factor, bias and batch-norm weights for input width `inWidth`. */
  protected buildFactors(inWidth: number): void {
    const widths = [inWidth, ...this.innerWidths, this.outWidth];
    this.kernels = [];
    this.biases = [];
    this.norms = [];
    for (let i = 0; i < this.depth; i++) {
      const shape = this.factorShape(i, widths[i]!, widths[i + 1]!);
      const { he, biasFanIn } = this.fans(shape);
      const gain = i === this.depth - 1 ? this.lastGain : 1;
      this.kernels.push(
        this.addWeight(
          `factor_${i + 1}/kernel`,
          shape,
          'float32',
          tfl.initializers.randomNormal({ mean: 0, stddev: gain / Math.sqrt(he) }),
          undefined,
          true,
        ),
      );
      const bound = 1 / Math.sqrt(biasFanIn);
      this.biases.push(
        this.useBias
          ? this.addWeight(
              `factor_${i + 1}/bias`,
              [widths[i + 1]!],
              'float32',
              tfl.initializers.randomUniform({ minval: -bound, maxval: bound }),
              undefined,
              true,
            )
          : null,
      );
      if (this.batchNorm && i < this.depth - 1) {
        const n = widths[i + 1]!;
        this.norms.push({
          gamma: this.addWeight(`bn_${i + 1}/gamma`, [n], 'float32', tfl.initializers.ones(), undefined, true),
          beta: this.addWeight(`bn_${i + 1}/beta`, [n], 'float32', tfl.initializers.zeros(), undefined, true),
          movingMean: this.addWeight(
            `bn_${i + 1}/moving_mean`,
            [n],
            'float32',
            tfl.initializers.zeros(),
            undefined,
            false,
          ),
          movingVariance: this.addWeight(
            `bn_${i + 1}/moving_variance`,
            [n],
            'float32',
            tfl.initializers.ones(),
            undefined,
            false,
          ),
        });
      }
    }
  }

  private bnState(i: number): BatchNormState {
    const n = this.norms[i]!;
    return {
      gamma: n.gamma.read() as tf.Tensor1D,
      beta: n.beta.read() as tf.Tensor1D,
      movingMean: n.movingMean.read() as tf.Tensor1D,
      movingVariance: n.movingVariance.read() as tf.Tensor1D,
      epsilon: this.batchNormEpsilon,
    };
  }

  /**
   * The collapsed layer's kernel and bias (batch norm folded with its running
   * statistics). Differentiable: call inside a gradient tape to penalise it.
   */
  effectiveKernelAndBias(): { kernel: tf.Tensor; bias: tf.Tensor1D | null } {
    const kernels: tf.Tensor[] = [];
    const biases: (tf.Tensor1D | null)[] = [];
    for (let i = 0; i < this.depth; i++) {
      let kernel = this.kernels[i]!.read();
      let bias = (this.biases[i]?.read() as tf.Tensor1D | undefined) ?? null;
      if (i < this.norms.length) ({ kernel, bias } = foldBatchNorm(kernel, bias, this.bnState(i)));
      kernels.push(kernel);
      biases.push(bias);
    }
    const { kernel, bias } = this.compose(kernels, biases);
    // Depth 1 composes to the variables themselves: hand out copies, which callers may dispose.
    return {
      kernel: kernel instanceof tf.Variable ? kernel.clone() : kernel,
      bias: bias instanceof tf.Variable ? (bias.clone() as tf.Tensor1D) : bias,
    };
  }

  private applyChain(x: tf.Tensor, training: boolean): tf.Tensor {
    let y = x;
    for (let i = 0; i < this.depth; i++) {
      y = this.applyFactor(y, this.kernels[i]!.read(), i);
      const bias = this.biases[i];
      if (bias) y = tf.add(y, bias.read());
      if (i < this.norms.length) y = this.normalize(y, i, training);
    }
    return y;
  }

  private normalize(y: tf.Tensor, i: number, training: boolean): tf.Tensor {
    const n = this.norms[i]!;
    if (!training) {
      const s = this.bnState(i);
      return tf.batchNorm(y, s.movingMean, s.movingVariance, s.beta, s.gamma, this.batchNormEpsilon);
    }
    const axes = y.shape.slice(0, -1).map((_, k) => k);
    const { mean, variance } = tf.moments(y, axes);
    const m = this.batchNormMomentum;
    const update = (v: LayerVariable, batch: tf.Tensor) =>
      v.write(tf.tidy(() => tf.add(tf.mul(v.read(), m), tf.mul(batch, 1 - m))));
    update(n.movingMean, mean);
    update(n.movingVariance, variance);
    return tf.batchNorm(y, mean, variance, n.beta.read(), n.gamma.read(), this.batchNormEpsilon);
  }

  /** Whether a forward pass on `inputShape` runs the explicit chain. */
  usesChain(inputShape: readonly number[], training: boolean): boolean {
    if (this.mode === 'chain' || (this.batchNorm && training)) return true;
    if (this.mode === 'effective') return false;
    const { chain, effective } = this.forwardCosts(inputShape);
    return chain < effective;
  }

  /** Widths of the factor sides, input first: `[in, h_1, …, h_{d−1}, out]`. */
  protected factorWidths(): number[] {
    return [this.kernels[0]!.shape[this.kernels[0]!.shape.length - 2]!, ...this.innerWidths, this.outWidth];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const training = kwargs['training'] === true;
      let y: tf.Tensor;
      if (this.usesChain(x.shape, training)) {
        y = this.applyChain(x, training);
      } else {
        const { kernel, bias } = this.effectiveKernelAndBias();
        y = this.applyEffective(x, kernel);
        if (bias) y = tf.add(y, bias);
      }
      return this.activationLayer.apply(y) as tf.Tensor;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      innerWidths: [...this.innerWidths],
      activation: this.activationName,
      useBias: this.useBias,
      batchNorm: this.batchNorm,
      mode: this.mode,
      lastGain: this.lastGain,
      batchNormMomentum: this.batchNormMomentum,
      batchNormEpsilon: this.batchNormEpsilon,
    };
  }
}
