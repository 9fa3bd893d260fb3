import * as tf from '@tensorflow/tfjs-core';
import { composeConv } from '../compose/conv-chain.js';
import { ExpandedLayerBase, type ExpandedLayerArgs } from './expanded-base.js';
import { convOutputLength, samePadding } from './same-padding.js';

type Shape = (number | null)[];

/** Options of `ExpandedConv2D` (channels-last only). */
export interface ExpandedConv2DArgs extends ExpandedLayerArgs {
  /** Output channels of the (collapsed) layer. */
  filters: number;
  /**
   * Square kernel size of each sub-layer, first to last (length = depth).
   * The collapsed kernel size is `sum(k) − depth + 1`. Default: `[k, 1, …, 1]`
   * is built by `expandedConv2dArgs`; here the list is explicit.
   */
  kernelSizes: number[];
  /** Stride of the (collapsed) layer, carried by the last sub-layer. */
  strides?: number | [number, number];
  /** Padding of the (collapsed) layer, carried by the first sub-layer. */
  padding?: 'same' | 'valid';
}

/**
 * A Conv2D layer whose kernel is the full convolution of `depth` sub-kernels
 * (by default k×k then 1×1s), with a bias in each sub-layer and no
 * nonlinearity between. The first sub-layer carries the padding, the last
 * the stride, so the chain is exactly one convolution with the composed
 * kernel. Reference init: He-normal with fan-out (out·k·k), gain 1 inside and
 * the activation's gain last; biases ~ U(±1/sqrt(in·k·k)).
 */
export class ExpandedConv2D extends ExpandedLayerBase {
  static className = 'rankbias.ExpandedConv2D';
  readonly filters: number;
  readonly kernelSizes: number[];
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';

  constructor(args: ExpandedConv2DArgs) {
    super(args);
    if (!Number.isInteger(args.filters) || args.filters < 1) {
      throw new Error(`ExpandedConv2D: filters must be a positive integer, got ${String(args.filters)}`);
    }
    if (!Array.isArray(args.kernelSizes) || args.kernelSizes.length !== this.depth) {
      throw new Error(
        `ExpandedConv2D: kernelSizes must list one size per sub-layer (${this.depth}), got ${JSON.stringify(args.kernelSizes)}`,
      );
    }
    if (args.kernelSizes.some((k) => !Number.isInteger(k) || k < 1)) {
      throw new Error(`ExpandedConv2D: kernelSizes must be positive integers, got ${JSON.stringify(args.kernelSizes)}`);
    }
    this.filters = args.filters;
    this.kernelSizes = [...args.kernelSizes];
    const s = args.strides ?? 1;
    this.strides = typeof s === 'number' ? [s, s] : [s[0], s[1]];
    this.padding = args.padding ?? 'valid';
    if (this.padding !== 'same' && this.padding !== 'valid') {
      throw new Error(`ExpandedConv2D: padding must be 'same' or 'valid', got ${String(args.padding)}`);
    }
  }

  /** Kernel size of the collapsed layer: sum(k) − depth + 1. */
  get collapsedKernelSize(): number {
    return this.kernelSizes.reduce((a, b) => a + b, 0) - this.depth + 1;
  }

  protected get outWidth(): number {
    return this.filters;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    if (shape.length !== 4)
      throw new Error(`ExpandedConv2D "${this.name}": expects [batch, h, w, c] input, got ${JSON.stringify(shape)}`);
    const inWidth = shape[3];
    if (inWidth == null) throw new Error(`ExpandedConv2D "${this.name}": the channel dimension must be known`);
    this.buildFactors(inWidth);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const k = this.collapsedKernelSize;
    const len = (n: number | null, s: number) => (n == null ? null : convOutputLength(n, k, s, this.padding));
    return [shape[0]!, len(shape[1]!, this.strides[0]), len(shape[2]!, this.strides[1]), this.filters];
  }

  protected factorShape(i: number, inWidth: number, outWidth: number): number[] {
    const k = this.kernelSizes[i]!;
    return [k, k, inWidth, outWidth];
  }

  protected fans(shape: number[]): { he: number; biasFanIn: number } {
    const area = shape[0]! * shape[1]!;
    return { he: area * shape[3]!, biasFanIn: area * shape[2]! };
  }

  protected applyFactor(x: tf.Tensor, kernel: tf.Tensor, i: number): tf.Tensor {
    let input = x as tf.Tensor4D;
    if (i === 0 && this.padding === 'same') {
      const k = this.collapsedKernelSize;
      input = tf.pad(input, [
        [0, 0],
        samePadding(input.shape[1], k, this.strides[0]),
        samePadding(input.shape[2], k, this.strides[1]),
        [0, 0],
      ]);
    }
    const strides = i === this.depth - 1 ? this.strides : ([1, 1] as [number, number]);
    return tf.conv2d(input, kernel as tf.Tensor4D, strides, 'valid');
  }

  protected applyEffective(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
    return tf.conv2d(x as tf.Tensor4D, kernel as tf.Tensor4D, this.strides, this.padding);
  }

  protected forwardCosts(inputShape: readonly number[]): { chain: number; effective: number } {
    const [n, h, w] = [inputShape[0]!, inputShape[1]!, inputShape[2]!];
    const k = this.collapsedKernelSize;
    const outH = convOutputLength(h, k, this.strides[0], this.padding);
    const outW = convOutputLength(w, k, this.strides[1], this.padding);
    const widths = this.factorWidths();
    let chain = 0;
    let contraction = 0;
    let acc = this.kernelSizes[0]!;
    for (let i = 0; i < this.depth; i++) {
      const ki = this.kernelSizes[i]!;
      // inner sub-layers run at (about) the input resolution, the last at the output's
      const positions = i === this.depth - 1 ? n * outH * outW : n * h * w;
      chain += positions * ki * ki * widths[i]! * widths[i + 1]!;
      if (i > 0) {
        contraction += acc * acc * widths[0]! * widths[i]! * ki * ki * widths[i + 1]!;
        acc += ki - 1;
      }
    }
    return { chain, effective: contraction + n * outH * outW * k * k * widths[0]! * widths[this.depth]! };
  }

  protected compose(kernels: tf.Tensor[], biases: (tf.Tensor1D | null)[]) {
    return composeConv(kernels as tf.Tensor4D[], biases);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSizes: [...this.kernelSizes],
      strides: [...this.strides],
      padding: this.padding,
    };
  }
}

tf.serialization.registerClass(ExpandedConv2D);
