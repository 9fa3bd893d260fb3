import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dFilterGradient, type FilterGradientMethod } from '../src/kernels/conv2d-backprop-filter.js';
import { withScope } from '../src/kernel-scope.js';
import { relativeError, sameOnWasmAndCpu, setUpBackends, valuesOn } from './support/backends.js';
import { randomInt, randomValues, seededRandom } from './support/random.js';
import {
  outputShape,
  referenceFilterGradient,
  referenceInputGradient,
  type ConvGeometry,
  type Shape4,
} from './support/reference-conv.js';

beforeAll(setUpBackends);

type Pad = ConvGeometry['pad'];
const PADS: Array<{ name: string; pad: Pad }> = [
  { name: 'same', pad: 'same' },
  { name: 'valid', pad: 'valid' },
  {
    name: 'explicit',
    pad: [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
  },
];

function randomGeometry(random: () => number, stride: number, pad: Pad, dilation = 1): ConvGeometry {
  const fh = randomInt(random, 1, 4);
  const fw = randomInt(random, 1, 4);
  const extent = Math.max(fh, fw) * dilation;
  return {
    xShape: [
      randomInt(random, 1, 3),
      randomInt(random, extent, 13),
      randomInt(random, extent, 13),
      randomInt(random, 1, 5),
    ],
    filterShape: [fh, fw, 0, randomInt(random, 1, 6)],
    strides: [stride, stride === 1 ? 1 : randomInt(random, 1, stride)],
    dilations: [dilation, dilation],
    pad,
    depthwise: false,
  };
}

function withInputChannels(g: ConvGeometry): ConvGeometry {
  const filterShape: Shape4 = [g.filterShape[0], g.filterShape[1], g.xShape[3], g.filterShape[3]];
  return { ...g, filterShape };
}

describe('Conv2D gradients on wasm match the cpu backend', () => {
  const random = seededRandom(2024);
  for (const stride of [1, 2, 3]) {
    for (const { name, pad } of PADS) {
      it(`stride ${stride}, padding ${name}: dL/dx and dL/dfilter via tf.grads`, () => {
        for (let trial = 0; trial < 3; trial++) {
          const g = withInputChannels(randomGeometry(random, stride, pad));
          const x = randomValues(g.xShape, random);
          const f = randomValues(g.filterShape, random);
          const dy = randomValues(outputShape(g), random);
          sameOnWasmAndCpu(() =>
            tf.grads((xt: tf.Tensor, ft: tf.Tensor) =>
              tf.conv2d(xt as tf.Tensor4D, ft as tf.Tensor4D, g.strides, g.pad),
            )([tf.tensor4d(x, g.xShape), tf.tensor4d(f, g.filterShape)], tf.tensor4d(dy, outputShape(g))),
          );
        }
      });
    }
  }

  it('fused conv2d (conv + bias + relu, what tfjs-layers Conv2D runs) has the same gradients', () => {
    const random2 = seededRandom(77);
    const x = randomValues([2, 9, 9, 3], random2);
    const f = randomValues([3, 3, 3, 4], random2);
    const bias = randomValues([4], random2);
    sameOnWasmAndCpu(() =>
      tf.grads((xt: tf.Tensor, ft: tf.Tensor, bt: tf.Tensor) =>
        tf.sum(
          tf.square(
            tf.fused.conv2d({
              x: xt as tf.Tensor4D,
              filter: ft as tf.Tensor4D,
              strides: 2,
              pad: 'same',
              bias: bt,
              activation: 'relu',
            }),
          ),
        ),
      )([tf.tensor4d(x, [2, 9, 9, 3]), tf.tensor4d(f, [3, 3, 3, 4]), tf.tensor1d(bias)]),
    );
  });

  it('NCHW data format: both backprop kernels match cpu', () => {
    const random3 = seededRandom(3);
    const xShape: Shape4 = [2, 3, 10, 9];
    const filterShape: Shape4 = [3, 2, 3, 5];
    const x = randomValues(xShape, random3);
    const f = randomValues(filterShape, random3);
    const attrs = { strides: [2, 1], pad: 'same', dataFormat: 'NCHW' } as const;
    const dyShape = [2, 5, 5, 9];
    const dy = randomValues(dyShape, random3);
    sameOnWasmAndCpu(() => [
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(x, xShape), dy: tf.tensor(dy, dyShape) }, {
        ...attrs,
        filterShape,
      } as never) as tf.Tensor,
      tf
        .engine()
        .runKernel('Conv2DBackpropInput', { dy: tf.tensor(dy, dyShape), filter: tf.tensor4d(f, filterShape) }, {
          ...attrs,
          inputShape: xShape,
        } as never) as tf.Tensor,
    ]);
  });
});

describe('Conv2D gradient kernels on wasm match a plain-loop reference', () => {
  const random = seededRandom(99);
  const cases = [
    { stride: 1, dilation: 2, pad: 'valid' as Pad },
    { stride: 1, dilation: 3, pad: 'same' as Pad },
    {
      stride: 2,
      dilation: 1,
      pad: [
        [0, 0],
        [2, 1],
        [0, 3],
        [0, 0],
      ] as Pad,
    },
    { stride: 3, dilation: 2, pad: 'same' as Pad },
  ];
  for (const { stride, dilation, pad } of cases) {
    it(`filter gradient: stride ${stride}, dilation ${dilation}, padding ${JSON.stringify(pad)}`, () => {
      const g = withInputChannels(randomGeometry(random, stride, pad, dilation));
      const x = randomValues(g.xShape, random);
      const dy = randomValues(outputShape(g), random);
      const [wasm] = valuesOn(
        'wasm',
        () =>
          tf
            .engine()
            .runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(x, g.xShape), dy: tf.tensor4d(dy, outputShape(g)) }, {
              strides: g.strides,
              dilations: g.dilations,
              pad: g.pad,
              dataFormat: 'NHWC',
              filterShape: g.filterShape,
            } as never) as tf.Tensor,
      );
      const expected = Float32Array.from(referenceFilterGradient(g, x, dy));
      expect(relativeError(wasm!, expected)).toBeLessThan(1e-5);
    });
  }
  for (const method of ['patches', 'swapped-conv'] as FilterGradientMethod[]) {
    it(`filter gradient computed as ${method}: strides, dilations and paddings`, () => {
      for (const { stride, dilation, pad } of cases) {
        const g = withInputChannels(randomGeometry(random, stride, pad, dilation));
        const x = randomValues(g.xShape, random);
        const dy = randomValues(outputShape(g), random);
        const [wasm] = valuesOn('wasm', () => {
          const xt = tf.tensor4d(x, g.xShape);
          const dyt = tf.tensor4d(dy, outputShape(g));
          const info = withScope(tf.backend(), (scope) =>
            conv2dFilterGradient(scope, xt, dyt, g.filterShape, g.strides, g.dilations, g.pad, undefined, method),
          );
          return tf.engine().makeTensorFromTensorInfo(info);
        });
        const expected = Float32Array.from(referenceFilterGradient(g, x, dy));
        expect(relativeError(wasm!, expected)).toBeLessThan(1e-5);
      }
    });
  }
  for (const { stride, pad } of cases
    .filter((c) => c.dilation === 1)
    .concat([{ stride: 2, dilation: 1, pad: 'same' }])) {
    it(`input gradient: stride ${stride}, padding ${JSON.stringify(pad)}`, () => {
      const g = withInputChannels(randomGeometry(random, stride, pad));
      const f = randomValues(g.filterShape, random);
      const dy = randomValues(outputShape(g), random);
      const [wasm] = valuesOn(
        'wasm',
        () =>
          tf
            .engine()
            .runKernel(
              'Conv2DBackpropInput',
              { dy: tf.tensor4d(dy, outputShape(g)), filter: tf.tensor4d(f, g.filterShape) },
              {
                strides: g.strides,
                pad: g.pad,
                dataFormat: 'NHWC',
                inputShape: g.xShape,
              } as never,
            ) as tf.Tensor,
      );
      const expected = Float32Array.from(referenceInputGradient(g, f, dy));
      expect(relativeError(wasm!, expected)).toBeLessThan(1e-5);
    });
  }
});

describe('Conv2D filter gradient on wasm against finite differences', () => {
  it('central differences of a loss linear in the filter agree with tf.grad', () => {
    const random = seededRandom(8);
    const xShape: Shape4 = [2, 7, 8, 3];
    const filterShape: Shape4 = [3, 3, 3, 4];
    const x = tf.tensor4d(randomValues(xShape, random), xShape);
    const weightsOut = tf.tensor4d(randomValues([2, 4, 4, 4], random), [2, 4, 4, 4]);
    const loss = (f: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, f as tf.Tensor4D, 2, 'same'), weightsOut));
    const f0 = randomValues(filterShape, random);
    const grad = tf.tidy(() => tf.grad(loss)(tf.tensor4d(f0, filterShape))).dataSync();
    const eps = 0.05;
    for (const index of [0, 17, 50, 107]) {
      const plus = Float32Array.from(f0);
      const minus = Float32Array.from(f0);
      plus[index]! += eps;
      minus[index]! -= eps;
      const lp = tf.tidy(() => loss(tf.tensor4d(plus, filterShape))).dataSync()[0]!;
      const lm = tf.tidy(() => loss(tf.tensor4d(minus, filterShape))).dataSync()[0]!;
      expect(grad[index]).toBeCloseTo((lp - lm) / (2 * eps), 3);
    }
    tf.dispose([x, weightsOut]);
  });
});
