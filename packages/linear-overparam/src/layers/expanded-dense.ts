import * as tf from '@tensorflow/tfjs-core';
import { chainProductCost, composeDense } from '../compose/dense-chain.js';
import { ExpandedLayerBase, type ExpandedLayerArgs } from './expanded-base.js';

type Shape = (number | null)[];

/** Options of `ExpandedDense`. */
export interface ExpandedDenseArgs extends ExpandedLayerArgs {
  /** Output width of the (collapsed) layer. */
  units: number;
}

function matmulLastAxis(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
  if (x.rank === 2) return tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
  const lead = x.shape.slice(0, -1);
  const flat = tf.reshape(x, [-1, x.shape[x.rank - 1]!]) as tf.Tensor2D;
  return tf.reshape(tf.matMul(flat, kernel as tf.Tensor2D), [...lead, kernel.shape[1]!]);
}

/**
 * A Dense layer whose kernel is the product of `depth` linear factors
 * `W_1 (in × h_1) · W_2 (h_1 × h_2) ⋯ W_d (h_{d−1} × units)`, with a bias in
 * each sub-layer and no nonlinearity between them; the activation follows the
 * product. Same function class as one Dense layer (it collapses to one), but
 * gradient descent on the factors is biased toward low effective rank.
 *
 * Initialisation (reference scheme): factor i ~ N(0, (g_i / sqrt(fan_in))²)
 * with g = 1 inside and the activation's gain for the last factor;
 * biases ~ U(±1/sqrt(fan_in)).
 */
export class ExpandedDense extends ExpandedLayerBase {
  static className = 'rankbias.ExpandedDense';
  readonly units: number;

  constructor(args: ExpandedDenseArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new Error(`ExpandedDense: units must be a positive integer, got ${String(args.units)}`);
    }
    this.units = args.units;
  }

  protected get outWidth(): number {
    return this.units;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const inWidth = shape[shape.length - 1];
    if (inWidth == null) throw new Error(`ExpandedDense "${this.name}": the last input dimension must be known`);
    this.buildFactors(inWidth);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [...shape.slice(0, -1), this.units];
  }

  protected factorShape(_i: number, inWidth: number, outWidth: number): number[] {
    return [inWidth, outWidth];
  }

  protected fans(shape: number[]): { he: number; biasFanIn: number } {
    return { he: shape[0]!, biasFanIn: shape[0]! };
  }

  protected applyFactor(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
    return matmulLastAxis(x, kernel);
  }

  protected applyEffective(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
    return matmulLastAxis(x, kernel);
  }

  protected forwardCosts(inputShape: readonly number[]): { chain: number; effective: number } {
    const rows = inputShape.slice(0, -1).reduce((a, b) => a * b, 1);
    const w = this.factorWidths();
    let chain = 0;
    for (let i = 0; i < this.depth; i++) chain += rows * w[i]! * w[i + 1]!;
    return { chain, effective: chainProductCost(w) + rows * w[0]! * w[this.depth]! };
  }

  protected compose(kernels: tf.Tensor[], biases: (tf.Tensor1D | null)[]) {
    return composeDense(kernels as tf.Tensor2D[], biases);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
}

tf.serialization.registerClass(ExpandedDense);
