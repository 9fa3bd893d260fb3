import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpBackends } from './support/backends.js';
import { randomValues, seededRandom, withSeededMathRandom } from './support/random.js';

beforeAll(setUpBackends);

/** A CNN touching every layer kind a training step of a small image model uses. */
function buildCnn(): tfl.Sequential {
  const model = tfl.sequential();
  // No bias before batch norm: its true gradient is 0 and Adam would amplify float noise in it.
  model.add(tfl.layers.conv2d({ inputShape: [12, 12, 3], filters: 6, kernelSize: 3, padding: 'same', useBias: false }));
  model.add(tfl.layers.batchNormalization());
  model.add(tfl.layers.activation({ activation: 'relu' }));
  model.add(tfl.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tfl.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' }));
  model.add(tfl.layers.depthwiseConv2d({ kernelSize: 2, depthMultiplier: 2, padding: 'same' }));
  model.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 16, activation: 'relu' }));
  model.add(tfl.layers.dropout({ rate: 0.25 }));
  model.add(tfl.layers.dense({ units: 5 }));
  return model;
}

/** Embedding + dense: trains through gather (UnsortedSegmentSum in its gradient). */
function buildEmbedding(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.embedding({ inputDim: 20, outputDim: 6, inputLength: 4 }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 5 }));
  return model;
}

/** Loss after each of `steps` Adam steps, everything seeded (initialisers and dropout draw Math.random). */
function lossTrajectory(backend: string, build: () => tfl.Sequential, x: () => tf.Tensor, steps: number): number[] {
  tf.setBackend(backend);
  return withSeededMathRandom(1234, () => {
    const model = build();
    const optimizer = tf.train.adam(0.01);
    const inputs = x();
    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32'), 5));
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) {
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(labels, model.apply(inputs, { training: true }) as tf.Tensor) as tf.Scalar,
        true,
      )!;
      losses.push(loss.dataSync()[0]!);
      loss.dispose();
    }
    optimizer.dispose();
    model.dispose();
    tf.dispose([inputs, labels]);
    return losses;
  });
}

function expectSameTrajectory(wasm: number[], cpu: number[]): void {
  expect(wasm.every(Number.isFinite)).toBe(true);
  wasm.forEach((loss, i) => expect(Math.abs(loss - cpu[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu[i]!))));
  // The trajectory is a real descent, not a constant.
  expect(cpu[cpu.length - 1]!).toBeLessThan(cpu[0]!);
}

describe('a full training step on wasm follows the cpu trajectory', () => {
  it('CNN: conv (strided), batch norm, max/avg pooling, depthwise conv, dense, dropout, softmax cross-entropy', () => {
    const images = randomValues([8, 12, 12, 3], seededRandom(1));
    const x = () => tf.tensor4d(images, [8, 12, 12, 3]);
    const cpu = lossTrajectory('cpu', buildCnn, x, 6);
    const wasm = lossTrajectory('wasm', buildCnn, x, 6);
    expectSameTrajectory(wasm, cpu);
  });

  it('embedding model (gather gradient)', () => {
    const random = seededRandom(2);
    const ids = Array.from({ length: 32 }, () => Math.floor(random() * 20));
    const x = () => tf.tensor2d(ids, [8, 4], 'int32');
    const cpu = lossTrajectory('cpu', buildEmbedding, x, 6);
    const wasm = lossTrajectory('wasm', buildEmbedding, x, 6);
    expectSameTrajectory(wasm, cpu);
  });
});
