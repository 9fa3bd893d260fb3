import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { relativeError, sameOnWasmAndCpu, setUpBackends, valuesOn } from './support/backends.js';
import { randomInt, randomValues, seededRandom } from './support/random.js';
import {
  outputShape,
  referenceFilterGradient,
  referenceInputGradient,
  type ConvGeometry,
} from './support/reference-conv.js';

beforeAll(setUpBackends);

function randomDepthwise(
  random: () => number,
  stride: number,
  dilation: number,
  pad: ConvGeometry['pad'],
): ConvGeometry {
  const fh = randomInt(random, 1, 3);
  const fw = randomInt(random, 1, 3);
  const channels = randomInt(random, 1, 4);
  const extent = 3 * dilation;
  return {
    xShape: [randomInt(random, 1, 3), randomInt(random, extent, 12), randomInt(random, extent, 12), channels],
    filterShape: [fh, fw, channels, randomInt(random, 1, 3)],
    strides: [stride, stride],
    dilations: [dilation, dilation],
    pad,
    depthwise: true,
  };
}

function filterGradKernel(g: ConvGeometry, x: Float32Array, dy: Float32Array): tf.Tensor {
  return tf
    .engine()
    .runKernel(
      'DepthwiseConv2dNativeBackpropFilter',
      { x: tf.tensor4d(x, g.xShape), dy: tf.tensor4d(dy, outputShape(g)) },
      {
        strides: g.strides,
        dilations: g.dilations,
        pad: g.pad,
        filterShape: g.filterShape,
      } as never,
    ) as tf.Tensor;
}

function inputGradKernel(g: ConvGeometry, f: Float32Array, dy: Float32Array): tf.Tensor {
  return tf
    .engine()
    .runKernel(
      'DepthwiseConv2dNativeBackpropInput',
      { dy: tf.tensor4d(dy, outputShape(g)), filter: tf.tensor4d(f, g.filterShape) },
      {
        strides: g.strides,
        dilations: g.dilations,
        pad: g.pad,
        inputShape: g.xShape,
      } as never,
    ) as tf.Tensor;
}

const EXPLICIT: ConvGeometry['pad'] = [
  [0, 0],
  [1, 0],
  [2, 1],
  [0, 0],
];

describe('depthwise conv gradients on wasm match the cpu backend', () => {
  const random = seededRandom(31);
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid', EXPLICIT] as const) {
      it(`stride ${stride}, padding ${JSON.stringify(pad)} via tf.grads`, () => {
        const g = randomDepthwise(random, stride, 1, pad);
        const x = randomValues(g.xShape, random);
        const f = randomValues(g.filterShape, random);
        const dy = randomValues(outputShape(g), random);
        sameOnWasmAndCpu(() =>
          tf.grads((xt: tf.Tensor, ft: tf.Tensor) =>
            tf.depthwiseConv2d(xt as tf.Tensor4D, ft as tf.Tensor4D, g.strides, g.pad),
          )([tf.tensor4d(x, g.xShape), tf.tensor4d(f, g.filterShape)], tf.tensor4d(dy, outputShape(g))),
        );
      });
    }
  }
});

describe('depthwise conv gradient kernels on wasm match a plain-loop reference (dilations)', () => {
  const random = seededRandom(47);
  for (const { stride, dilation, pad } of [
    { stride: 1, dilation: 2, pad: 'valid' as const },
    { stride: 1, dilation: 2, pad: 'same' as const },
    { stride: 2, dilation: 1, pad: EXPLICIT },
  ]) {
    it(`stride ${stride}, dilation ${dilation}, padding ${JSON.stringify(pad)}`, () => {
      const g = randomDepthwise(random, stride, dilation, pad);
      const x = randomValues(g.xShape, random);
      const f = randomValues(g.filterShape, random);
      const dy = randomValues(outputShape(g), random);
      const [filterGrad, inputGrad] = valuesOn('wasm', () => [filterGradKernel(g, x, dy), inputGradKernel(g, f, dy)]);
      expect(relativeError(filterGrad!, Float32Array.from(referenceFilterGradient(g, x, dy)))).toBeLessThan(1e-5);
      expect(relativeError(inputGrad!, Float32Array.from(referenceInputGradient(g, f, dy)))).toBeLessThan(1e-5);
    });
  }
});
