import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpBackends } from './support/backends.js';
import { randomValues, seededRandom } from './support/random.js';

beforeAll(setUpBackends);

interface Counts {
  tensors: number;
  dataBuffers: number;
}

function counts(): Counts {
  const memory = tf.memory() as tf.MemoryInfo & { numDataBuffers: number };
  return { tensors: memory.numTensors, dataBuffers: memory.numDataBuffers };
}

/** Runs `steps` Adam steps of `loss` over `variables` and samples the counts after step 10 and at the end. */
function trainAndCount(loss: () => tf.Scalar, steps: number): { early: Counts; late: Counts } {
  const optimizer = tf.train.adam(1e-3);
  let early: Counts | undefined;
  for (let i = 1; i <= steps; i++) {
    const value = optimizer.minimize(loss, true)!;
    value.dataSync();
    value.dispose();
    if (i === 10) early = counts();
  }
  const late = counts();
  optimizer.dispose();
  return { early: early!, late };
}

describe('no memory leak on wasm', () => {
  it('tensor and buffer counts stay flat over 1,000 MLP steps (transposed matmuls in backprop)', () => {
    tf.setBackend('wasm');
    const random = seededRandom(3);
    const x = tf.tensor2d(randomValues([16, 32], random), [16, 32]);
    const labels = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 4),
        'int32',
      ),
      4,
    );
    const w1 = tf.variable(tf.tensor2d(randomValues([32, 32], random), [32, 32]));
    const w2 = tf.variable(tf.tensor2d(randomValues([32, 4], random), [32, 4]));
    const loss = () => tf.losses.softmaxCrossEntropy(labels, tf.matMul(tf.relu(tf.matMul(x, w1)), w2)) as tf.Scalar;
    const { early, late } = trainAndCount(loss, 1000);
    expect(late).toEqual(early);
    tf.dispose([x, labels, w1, w2]);
  });

  it('tensor and buffer counts stay flat over 100 conv steps (the supplied conv kernels)', () => {
    tf.setBackend('wasm');
    const random = seededRandom(4);
    const x = tf.tensor4d(randomValues([2, 8, 8, 3], random), [2, 8, 8, 3]);
    const f = tf.variable(tf.tensor4d(randomValues([3, 3, 3, 4], random), [3, 3, 3, 4]));
    const d = tf.variable(tf.tensor4d(randomValues([2, 2, 4, 2], random), [2, 2, 4, 2]));
    const loss = () =>
      tf.mean(tf.square(tf.depthwiseConv2d(tf.relu(tf.conv2d(x, f, 2, 'same')), d, 1, 'valid'))) as tf.Scalar;
    const { early, late } = trainAndCount(loss, 100);
    expect(late).toEqual(early);
    tf.dispose([x, f, d]);
  });
});
