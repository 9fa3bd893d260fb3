import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withScope } from '../kernel-scope.js';
import { padForInputGradient, spreadSpatial, TO_NCHW, TO_NHWC } from './conv-geometry.js';

/**
 * Input gradient of a 2-D convolution as a stride-1 convolution on the wasm
 * backend's fast Conv2D kernel: the output gradient spread by the stride
 * (zeros between), padded, correlated with the spatially flipped filter whose
 * in/out channels are swapped. (The backend's own Conv2DBackpropInput is a
 * plain loop, several times slower.)
 */
function conv2dBackpropInput(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: KernelBackend;
  attrs: Conv2DBackpropInputAttrs;
}) {
  const { inputs, backend, attrs } = args;
  return withScope(backend, (scope) => {
    const nchw = attrs.dataFormat === 'NCHW';
    const dy = nchw ? scope.transpose(inputs.dy, TO_NHWC) : inputs.dy;
    const inShape = (nchw ? TO_NHWC.map((i) => attrs.inputShape[i]!) : attrs.inputShape) as [
      number,
      number,
      number,
      number,
    ];
    const filterShape = inputs.filter.shape as [number, number, number, number];
    const info = backend_util.computeConv2DInfo(
      inShape,
      filterShape,
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const spread = spreadSpatial(scope, dy, info.strideHeight, info.strideWidth);
    const padded = padForInputGradient(scope, spread, info);
    const flipped = scope.run('Reverse', { x: inputs.filter }, { dims: [0, 1] });
    const swapped = scope.transpose(flipped, [0, 1, 3, 2]);
    const dx = scope.run(
      'Conv2D',
      { x: padded, filter: swapped },
      {
        strides: [1, 1],
        dilations: [info.dilationHeight, info.dilationWidth],
        pad: 'valid',
        dataFormat: 'NHWC',
      },
    );
    return nchw ? scope.transpose(dx, TO_NCHW) : dx;
  });
}

/** Conv2DBackpropInput for wasm on the fast convolution path. */
export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as unknown as KernelFunc,
};
