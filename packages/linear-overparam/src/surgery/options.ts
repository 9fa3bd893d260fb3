import type * as tfl from '@tensorflow/tfjs-layers';
import type { ExpansionMode } from '../layers/expanded-base.js';

/** How `overparameterize` expands a model. */
export interface OverparameterizeOptions {
  /**
   * Which layers to expand: name globs (`'dense*'`, `'conv2d_1'`) or a
   * predicate. Default: every Dense and Conv2D layer. Only Dense and
   * (channels-last, square, undilated) Conv2D layers are expanded; other
   * matches are skipped, and a selection that reaches none is an error.
   */
  layers?: readonly string[] | ((layer: tfl.layers.Layer) => boolean);
  /** Number of linear factors per layer (1 = a re-initialised copy). Default 2. */
  depth?: number;
  /** Inner width = round(expansion × output width), at least 1. Default 1. */
  expansion?: number;
  /** Explicit inner widths (length depth − 1); overrides depth and expansion. */
  widths?: readonly number[];
  /**
   * Conv sub-kernel sizes, e.g. `[3, 3, 1]`; must collapse (sum − len + 1) to
   * each expanded conv layer's kernel size. Default `[k, 1, …, 1]`.
   */
  kernelSizes?: readonly number[];
  /**
   * `reference`: fresh He-normal factors (linear gain inside, the activation's
   * gain last), biases U(±1/sqrt(fan_in)). `identity`: factors whose product
   * is exactly the base layer, so the expanded model starts with the base
   * model's function. Default `reference`.
   */
  init?: 'reference' | 'identity';
  /**
   * He gain of each expanded layer's last factor. Default: the gain of the
   * nonlinearity that follows (the layer's own activation, or the activation
   * layer consuming its output), 1 when none.
   */
  lastGain?: number;
  /** Batch norm between factors (folded away by `collapse`). Default false. */
  batchNorm?: boolean;
  /** Forward mode of the expanded layers (`auto`: the cheaper of `effective` and `chain` per call). Default `auto`. */
  mode?: ExpansionMode;
}

export interface ResolvedExpansion {
  depth: number;
  innerWidths: (outWidth: number) => number[];
  kernelSizes: (baseKernel: number) => number[];
}

/** Validates options and turns them into per-layer width/kernel rules. */
export function resolveExpansion(options: OverparameterizeOptions): ResolvedExpansion {
  const { widths, kernelSizes } = options;
  let depth = options.depth ?? (widths ? widths.length + 1 : kernelSizes ? kernelSizes.length : 2);
  if (!Number.isInteger(depth) || depth < 1)
    throw new Error(`overparameterize: depth must be an integer >= 1, got ${String(depth)}`);
  if (widths) {
    if (widths.some((w) => !Number.isInteger(w) || w < 1)) {
      throw new Error(`overparameterize: widths must be positive integers, got ${JSON.stringify(widths)}`);
    }
    if (options.depth !== undefined && widths.length !== depth - 1) {
      throw new Error(`overparameterize: widths has ${widths.length} entries but depth ${depth} needs ${depth - 1}`);
    }
    depth = widths.length + 1;
  }
  if (kernelSizes && kernelSizes.length !== depth) {
    throw new Error(
      `overparameterize: kernelSizes ${JSON.stringify(kernelSizes)} has ${kernelSizes.length} entries, depth is ${depth}`,
    );
  }
  const expansion = options.expansion ?? 1;
  if (!(expansion > 0)) throw new Error(`overparameterize: expansion must be > 0, got ${String(expansion)}`);
  return {
    depth,
    innerWidths: (out) =>
      widths ? [...widths] : new Array<number>(depth - 1).fill(Math.max(1, Math.round(expansion * out))),
    kernelSizes: (k) => {
      if (!kernelSizes) return [k, ...new Array<number>(depth - 1).fill(1)];
      const collapsed = kernelSizes.reduce((a, b) => a + b, 0) - kernelSizes.length + 1;
      if (collapsed !== k) {
        throw new Error(
          `overparameterize: kernelSizes ${JSON.stringify(kernelSizes)} collapse to a ${collapsed}x${collapsed} kernel but the layer's kernel is ${k}x${k}`,
        );
      }
      return [...kernelSizes];
    },
  };
}
