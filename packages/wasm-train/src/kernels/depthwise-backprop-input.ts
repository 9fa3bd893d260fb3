import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withScope } from '../kernel-scope.js';
import { padForInputGradient, spreadSpatial } from './conv-geometry.js';

/**
 * Input gradient of a depthwise convolution (NHWC, filter `[fh, fw, c, m]`):
 * the output gradient spread by the stride and padded, correlated depthwise
 * (one output per gradient channel) with the flipped filter, then summed over
 * the channel multiplier. Runs on the backend's DepthwiseConv2dNative kernel.
 */
function depthwiseBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: KernelBackend;
  attrs: DepthwiseConv2dNativeBackpropInputAttrs;
}) {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const filterShape = filter.shape as [number, number, number, number];
  const [fh, fw, channels, multiplier] = filterShape;
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  return withScope(backend, (scope) => {
    const spread = spreadSpatial(scope, dy, info.strideHeight, info.strideWidth);
    const padded = padForInputGradient(scope, spread, info);
    const flipped = scope.run('Reverse', { x: filter }, { dims: [0, 1] });
    const perGradientChannel = scope.reshape(flipped, [fh, fw, channels * multiplier, 1]);
    const spreadDx = scope.run(
      'DepthwiseConv2dNative',
      { x: padded, filter: perGradientChannel },
      {
        strides: [1, 1],
        dilations: [info.dilationHeight, info.dilationWidth],
        pad: 'valid',
        dataFormat: 'NHWC',
      },
    );
    if (multiplier === 1) return spreadDx;
    const grouped = scope.reshape(spreadDx, [info.batchSize, info.inHeight, info.inWidth, channels, multiplier]);
    return scope.run('Sum', { x: grouped }, { axis: [4], keepDims: false });
  });
}

/** DepthwiseConv2dNativeBackpropInput for wasm (absent from tfjs-backend-wasm 4.22). */
export const depthwiseBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput as unknown as KernelFunc,
};
