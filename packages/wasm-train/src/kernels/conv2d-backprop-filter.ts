import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withScope, type KernelScope } from '../kernel-scope.js';
import { padForFilterGradient, TO_NHWC } from './conv-geometry.js';
import { im2col } from './im2col.js';
import { fastMatMul } from './batch-mat-mul.js';

/** Which formulation computes the filter gradient (both exact; speed differs by shape). */
export type FilterGradMethod = 'swapped-conv' | 'im2col';
let method: FilterGradMethod = (process.env.RANKBIAS_FILTER_GRAD as FilterGradMethod) ?? 'swapped-conv';
export function setFilterGradMethod(m: FilterGradMethod): void { method = m; }

/** Attributes of Conv2DBackpropFilter, plus the forward dilations (tfjs passes none; 1 by default). */
export type Conv2DFilterGradAttrs = Conv2DBackpropFilterAttrs & { dilations?: [number, number] | number };

/**
 * Filter gradient of a 2-D convolution (NHWC) as one convolution on the wasm
 * backend's fast Conv2D kernel, with batch and channels swapped:
 * `dW[i, j, ci, co] = sum_{n, oh, ow} x[n, oh*s + i*d, ow*s + j*d, ci] * dy[n, oh, ow, co]`
 * is the `valid` correlation of `x` laid out as `[ci, h, w, n]` with `dy` laid
 * out as the filter `[oh, ow, n, co]`, at stride `d` and dilation `s`.
 */
export function conv2dFilterGradient(
  scope: KernelScope,
  x: TensorInfo,
  dy: TensorInfo,
  filterShape: [number, number, number, number],
  strides: [number, number] | number,
  dilations: [number, number] | number,
  pad: Conv2DBackpropFilterAttrs['pad'],
  dimRoundingMode?: Conv2DBackpropFilterAttrs['dimRoundingMode'],
): TensorInfo {
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
  );
  const xPadded = padForFilterGradient(scope, x, info);
  if (method === 'im2col') {
    const patches = im2col(scope, xPadded, info);
    const dyRows = scope.reshape(dy, [patches.shape[0]!, filterShape[3]]);
    const flat = fastMatMul(scope, patches, dyRows, true, false);
    return scope.reshape(flat, filterShape);
  }
  const xSwapped = scope.transpose(xPadded, [3, 1, 2, 0]);
  const dySwapped = scope.transpose(dy, [1, 2, 0, 3]);
  const grad = scope.run('Conv2D', { x: xSwapped, filter: dySwapped }, {
    strides: [info.dilationHeight, info.dilationWidth],
    dilations: [info.strideHeight, info.strideWidth],
    pad: 'valid',
    dataFormat: 'NHWC',
  });
  return scope.transpose(grad, [1, 2, 0, 3]);
}

function conv2dBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: KernelBackend;
  attrs: Conv2DFilterGradAttrs;
}) {
  const { inputs, backend, attrs } = args;
  return withScope(backend, (scope) => {
    const nchw = attrs.dataFormat === 'NCHW';
    const x = nchw ? scope.transpose(inputs.x, TO_NHWC) : inputs.x;
    const dy = nchw ? scope.transpose(inputs.dy, TO_NHWC) : inputs.dy;
    return conv2dFilterGradient(
      scope,
      x,
      dy,
      attrs.filterShape,
      attrs.strides,
      attrs.dilations ?? 1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
  });
}

/** Conv2DBackpropFilter for wasm (absent from tfjs-backend-wasm 4.22). */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as KernelFunc,
};
