import {
  backend_util,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withScope } from '../kernel-scope.js';
import { padForFilterGradient } from './conv-geometry.js';
import { tapWindow } from './tap-window.js';

/**
 * Filter gradient of a depthwise convolution (NHWC, filter `[fh, fw, c, m]`):
 * per filter tap `(i, j)`, the strided window of the padded input times the
 * output gradient, summed over batch and positions:
 * `dW[i, j, c, k] = sum_{n, oh, ow} x[n, oh*s + i*d, ow*s + j*d, c] * dy[n, oh, ow, c*m + k]`.
 * Built from StridedSlice, Multiply, Sum and Concat.
 */
function depthwiseBackpropFilter(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: KernelBackend;
  attrs: DepthwiseConv2dNativeBackpropFilterAttrs;
}) {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const filterShape = attrs.filterShape;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const [fh, fw, channels, multiplier] = filterShape;
  const positions = info.batchSize * info.outHeight * info.outWidth;
  return withScope(backend, (scope) => {
    const xPadded = padForFilterGradient(scope, x, info);
    const dyGrouped = scope.reshape(dy, [positions, channels, multiplier]);
    const taps: TensorInfo[] = [];
    for (let i = 0; i < fh; i++) {
      for (let j = 0; j < fw; j++) {
        const window = tapWindow(scope, xPadded, info, i, j);
        const column = scope.reshape(window, [positions, channels, 1]);
        const product = scope.run('Multiply', { a: column, b: dyGrouped });
        const tap = scope.run('Sum', { x: product }, { axis: [0], keepDims: true });
        taps.push(tap);
      }
    }
    const stacked = taps.length === 1 ? taps[0]! : scope.run('Concat', taps, { axis: 0 });
    return scope.reshape(stacked, [fh, fw, channels, multiplier]);
  });
}

/** DepthwiseConv2dNativeBackpropFilter for wasm (absent from tfjs-backend-wasm 4.22). */
export const depthwiseBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter as unknown as KernelFunc,
};
