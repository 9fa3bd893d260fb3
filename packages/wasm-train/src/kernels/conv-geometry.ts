import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelScope } from '../kernel-scope.js';

/** Padding argument of the convolution kernels. */
export type ConvPad = 'valid' | 'same' | number | backend_util.ExplicitPadding;

/** NCHW -> NHWC (or the inverse) for 4-D tensors. */
export const TO_NHWC = [0, 2, 3, 1];
export const TO_NCHW = [0, 3, 1, 2];

/**
 * Spreads the two spatial axes of an NHWC tensor by inserting `stride - 1`
 * zeros after each element: `[n, h, w, c] -> [n, h*sh, w*sw, c]` (the last
 * `s - 1` rows/columns are zeros too). Built from Reshape + PadV2.
 */
export function spreadSpatial(scope: KernelScope, x: TensorInfo, strideH: number, strideW: number): TensorInfo {
  if (strideH === 1 && strideW === 1) return x;
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const six = scope.reshape(x, [n, h, 1, w, 1, c]);
  const padded = scope.run(
    'PadV2',
    { x: six },
    {
      paddings: [
        [0, 0],
        [0, 0],
        [0, strideH - 1],
        [0, 0],
        [0, strideW - 1],
        [0, 0],
      ],
      constantValue: 0,
    },
  );
  return scope.reshape(padded, [n, h * strideH, w * strideW, c]);
}

/**
 * The input gradient of a convolution as a stride-1 correlation over the
 * spread output gradient: pads (or crops) the spread gradient so that a
 * `valid` correlation with the flipped filter at dilation `d` yields exactly
 * `inHeight x inWidth`.
 */
export function padForInputGradient(scope: KernelScope, spread: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const extentH = (info.filterHeight - 1) * info.dilationHeight;
  const extentW = (info.filterWidth - 1) * info.dilationWidth;
  const top = extentH - info.padInfo.top;
  const left = extentW - info.padInfo.left;
  const bottom = info.inHeight + extentH - spread.shape[1]! - top;
  const right = info.inWidth + extentW - spread.shape[2]! - left;
  return scope.padOrCrop(spread, [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ]);
}

/**
 * The input padded (or cropped) to exactly the rows/columns a filter-gradient
 * computation reads: `(f - 1) * d + (out - 1) * s + 1` per spatial axis.
 */
export function padForFilterGradient(scope: KernelScope, x: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const needH = (info.filterHeight - 1) * info.dilationHeight + (info.outHeight - 1) * info.strideHeight + 1;
  const needW = (info.filterWidth - 1) * info.dilationWidth + (info.outWidth - 1) * info.strideWidth + 1;
  const { top, left } = info.padInfo;
  return scope.padOrCrop(x, [
    [0, 0],
    [top, needH - info.inHeight - top],
    [left, needW - info.inWidth - left],
    [0, 0],
  ]);
}
