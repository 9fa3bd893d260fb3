import {
  backend_util,
  Sum,
  util,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type SumAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { originalKernel } from './originals.js';
import { heapViews } from './wasm-heap.js';

/** The reduction axes when they are exactly the leading axes `0..k-1` (k < rank), else null. */
export function leadingAxes(axis: SumAttrs['axis'], rank: number): number[] | null {
  const axes = util
    .parseAxisParam(
      axis,
      [...Array(rank).keys()].map(() => 1),
    )
    .sort((a, b) => a - b);
  if (axes.length === 0 || axes.length >= rank) return null;
  return axes.every((a, i) => a === i) ? axes : null;
}

/**
 * Sum for wasm. Reducing the leading axes (a bias gradient: sum over batch and
 * positions) is `sumLeadingRows`, in double precision; the backend's own
 * kernel first transposes the whole tensor to put those axes last. Every
 * other case goes to the backend's kernel.
 */
function sum(args: { inputs: { x: TensorInfo }; backend: KernelBackend; attrs: SumAttrs }) {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const axes = x.dtype === 'float32' ? leadingAxes(attrs.axis, x.shape.length) : null;
  if (axes == null) return originalKernel(Sum).kernelFunc(args as never);
  const rows = util.sizeFromShape(x.shape.slice(0, axes.length));
  const outShape = x.shape.slice(axes.length);
  const width = util.sizeFromShape(outShape);
  const shape = attrs.keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape;
  const { out, target, sources } = heapViews(backend, shape, 'float32', [x]);
  sumLeadingRows(sources[0] as Float32Array, target as Float32Array, rows, width);
  return out;
}

/**
 * Values (4 bytes each) up to which column sums read the tensor column by
 * column: it then stays in cache, and each sum stays in a register.
 */
export const COLUMN_BY_COLUMN = 1 << 17;

/**
 * Column sums of the rows × width matrix `values` into `target`: each in
 * double precision over the rows in order, rounded once. Two loops with the
 * same additions (so the same results bit for bit): column by column for a
 * tensor that fits in cache (the sum in a register, about twice as fast),
 * else row by row into an array of sums (one pass over memory).
 */
export function sumLeadingRows(values: Float32Array, target: Float32Array, rows: number, width: number): void {
  if (rows * width <= COLUMN_BY_COLUMN) {
    for (let c = 0; c < width; c++) {
      let s = 0;
      for (let i = c, end = rows * width; i < end; i += width) s += values[i]!;
      target[c] = s;
    }
    return;
  }
  const acc = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let c = 0; c < width; c++) acc[c] += values[base + c]!;
  }
  target.set(acc);
}

/** Sum for wasm without the transpose for leading-axis reductions. */
export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'wasm',
  kernelFunc: sum as unknown as KernelFunc,
};
