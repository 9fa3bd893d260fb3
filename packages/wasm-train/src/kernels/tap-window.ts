import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelScope } from '../kernel-scope.js';

/**
 * The strided window of a padded NHWC input read by filter tap `(i, j)`:
 * `x[:, i*d + oh*s, j*d + ow*s, :]` for every output position, shape
 * `[n, outHeight, outWidth, c]`.
 */
export function tapWindow(
  scope: KernelScope,
  xPadded: TensorInfo,
  info: backend_util.Conv2DInfo,
  i: number,
  j: number,
): TensorInfo {
  const top = i * info.dilationHeight;
  const left = j * info.dilationWidth;
  const [n, , , c] = xPadded.shape as [number, number, number, number];
  return scope.run('StridedSlice', { x: xPadded }, {
    begin: [0, top, left, 0],
    end: [n, top + (info.outHeight - 1) * info.strideHeight + 1, left + (info.outWidth - 1) * info.strideWidth + 1, c],
    strides: [1, info.strideHeight, info.strideWidth, 1],
    beginMask: 0,
    endMask: 0,
    ellipsisMask: 0,
    newAxisMask: 0,
    shrinkAxisMask: 0,
  });
}
