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
 * positions) is one pass adding rows, in double precision; the backend's own
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
  const values = sources[0] as Float32Array;
  const acc = new Float64Array(width);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let c = 0; c < width; c++) acc[c] += values[base + c] as number;
  }
  target.set(acc);
  return out;
}

/** Sum for wasm without the transpose for leading-axis reductions. */
export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'wasm',
  kernelFunc: sum as unknown as KernelFunc,
};
