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
  return stridedWindow(
    scope,
    xPadded,
    [0, top, left, 0],
    [n, info.outHeight, info.outWidth, c],
    [1, info.strideHeight, info.strideWidth, 1],
  );
}

/**
 * `size[k]` elements along each axis from `begin[k]`, every `strides[k]`-th.
 * Unit strides use the Slice kernel (copies contiguous runs; several times
 * faster on wasm than StridedSlice, which the other cases use).
 */
export function stridedWindow(
  scope: KernelScope,
  x: TensorInfo,
  begin: number[],
  size: number[],
  strides: number[],
): TensorInfo {
  if (strides.every((s) => s === 1)) return scope.run('Slice', { x }, { begin, size });
  return scope.run(
    'StridedSlice',
    { x },
    {
      begin,
      end: begin.map((b, k) => b + (size[k]! - 1) * strides[k]! + 1),
      strides,
      beginMask: 0,
      endMask: 0,
      ellipsisMask: 0,
      newAxisMask: 0,
      shrinkAxisMask: 0,
    },
  );
}
