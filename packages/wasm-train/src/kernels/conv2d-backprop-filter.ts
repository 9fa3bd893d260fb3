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
import { plainMatMul } from './batch-mat-mul.js';
import { stridedWindow } from './tap-window.js';
import { heapViews } from './wasm-heap.js';

/** The two exact formulations of the filter gradient (speed and memory differ). */
export type FilterGradientMethod = 'patches' | 'swapped-conv';

/** Largest transposed patch matrix (floats) built before switching to the buffer-free formulation. */
const MAX_PATCH_FLOATS = 16 * 1024 * 1024;

/**
 * Filter gradient as one plain matrix product `patches^T [fh*fw*ci, P] x dy [P, co]`
 * (P = n*oh*ow): the transposed patch matrix is cut from the input laid out
 * channels-first (one small transpose), so neither operand of the product is
 * transposed and dy is used as stored.
 */
function patchGradient(
  scope: KernelScope,
  xPadded: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
  filterShape: [number, number, number, number],
): TensorInfo {
  if (info.strideHeight === 1 && info.strideWidth === 1)
    return shiftedPatchGradient(scope, xPadded, dy, info, filterShape);
  const [n, , , c] = xPadded.shape as [number, number, number, number];
  const positions = n * info.outHeight * info.outWidth;
  const channelsFirst = scope.transpose(xPadded, [3, 0, 1, 2]);
  const rows: TensorInfo[] = [];
  for (let i = 0; i < info.filterHeight; i++) {
    for (let j = 0; j < info.filterWidth; j++) {
      const window = stridedWindow(
        scope,
        channelsFirst,
        [0, 0, i * info.dilationHeight, j * info.dilationWidth],
        [c, n, info.outHeight, info.outWidth],
        [1, 1, info.strideHeight, info.strideWidth],
      );
      rows.push(scope.reshape(window, [c, positions]));
    }
  }
  const patchesT = rows.length === 1 ? rows[0]! : scope.run('Concat', rows, { axis: 0 });
  const product = plainMatMul(scope, patchesT, scope.reshape(dy, [positions, filterShape[3]]));
  return scope.reshape(product, filterShape);
}

/**
 * The stride-1 case of `patchGradient` with long contiguous copies (straight
 * into the wasm heap, the Slice kernel copies element by element): every
 * image row is taken at the full padded width `wp`, so the window of tap
 * `(i, j)` is ONE run of `oh * wp` floats per channel and image, starting at
 * `(i * wp + j) * d`. The `wp - ow` extra columns per row read neighbouring
 * pixels; dy is padded with zeros there, so they add nothing (at the price of
 * `wp / ow` times the multiply-adds).
 */
function shiftedPatchGradient(
  scope: KernelScope,
  xPadded: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
  filterShape: [number, number, number, number],
): TensorInfo {
  const [n, hp, wp, c] = xPadded.shape as [number, number, number, number];
  // One spare zero row: the last tap's run reaches `(fw - 1) * d` floats past the padded image.
  const spare = info.filterWidth > 1 ? 1 : 0;
  const rowsPadded = scope.padOrCrop(xPadded, [
    [0, 0],
    [0, spare],
    [0, 0],
    [0, 0],
  ]);
  const channelsFirst = scope.reshape(scope.transpose(rowsPadded, [3, 0, 1, 2]), [c, n, (hp + spare) * wp]);
  const run = info.outHeight * wp;
  const taps = info.filterHeight * info.filterWidth;
  // Written straight into the heap: the Slice kernel copies element by element, this copies runs.
  const {
    out: patchesT,
    target,
    sources,
  } = heapViews(scope.backend, [taps * c, n * run], 'float32', [channelsFirst], false);
  scope.track(patchesT);
  const source = sources[0] as Float32Array;
  const image = (hp + spare) * wp;
  for (let i = 0; i < info.filterHeight; i++) {
    for (let j = 0; j < info.filterWidth; j++) {
      const start = i * info.dilationHeight * wp + j * info.dilationWidth;
      const tapBase = (i * info.filterWidth + j) * c * n * run;
      for (let k = 0; k < c * n; k++) {
        const from = k * image + start;
        target.set(source.subarray(from, from + run), tapBase + k * run);
      }
    }
  }
  const dyWide = scope.padOrCrop(dy, [
    [0, 0],
    [0, 0],
    [0, wp - info.outWidth],
    [0, 0],
  ]);
  const product = plainMatMul(scope, patchesT, scope.reshape(dyWide, [n * run, filterShape[3]]));
  return scope.reshape(product, filterShape);
}

/** Attributes of Conv2DBackpropFilter, plus the forward dilations (tfjs passes none; 1 by default). */
export type Conv2DFilterGradAttrs = Conv2DBackpropFilterAttrs & { dilations?: [number, number] | number };

/**
 * Filter gradient of a 2-D convolution (NHWC), on the wasm backend's fast
 * paths. Up to a 64 MiB patch matrix it is an im2col product (measured
 * fastest here); beyond, one convolution on the fast Conv2D kernel with batch
 * and channels swapped:
 * `dW[i, j, ci, co] = sum_{n, oh, ow} x[n, oh*s + i*d, ow*s + j*d, ci] * dy[n, oh, ow, co]`
 * is the `valid` correlation of `x` laid out as `[ci, h, w, n]` with `dy` laid
 * out as the filter `[oh, ow, n, co]`, at stride `d` and dilation `s`
 * (no patch buffer).
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
  method?: FilterGradientMethod,
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
  const patchFloats =
    filterShape[0] * filterShape[1] * filterShape[2] * info.batchSize * info.outHeight * info.outWidth;
  const chosen = method ?? (patchFloats <= MAX_PATCH_FLOATS ? 'patches' : 'swapped-conv');
  if (chosen === 'patches') return patchGradient(scope, xPadded, dy, info, filterShape);
  const xSwapped = scope.transpose(xPadded, [3, 1, 2, 0]);
  const dySwapped = scope.transpose(dy, [1, 2, 0, 3]);
  const grad = scope.run(
    'Conv2D',
    { x: xSwapped, filter: dySwapped },
    {
      strides: [info.dilationHeight, info.dilationWidth],
      dilations: [info.strideHeight, info.strideWidth],
      pad: 'valid',
      dataFormat: 'NHWC',
    },
  );
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
