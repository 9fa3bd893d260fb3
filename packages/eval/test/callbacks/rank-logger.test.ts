import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { rankLoggingCallback, type RankRecord } from '../../src/callbacks/rank-logger.js';

function erankOf(rows: number[][]): number {
  const s = new SingularValueDecomposition(new MlMatrix(rows), { autoTranspose: true }).diagonal;
  const t = s.reduce((a, b) => a + b, 0);
  return Math.exp(-s.filter((v) => v > 0).reduce((a, v) => a + (v / t) * Math.log(v / t), 0));
}

describe('rankLoggingCallback in model.fit', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('measures the chosen layers every N batches and after the last one; values match an independent SVD', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [4], units: 5, activation: 'relu', name: 'hidden' }),
        tfl.layers.dense({ units: 2, name: 'out' }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    const x = tf.randomNormal([20, 4], 0, 1, 'float32', 3);
    const y = tf.randomNormal([20, 2], 0, 1, 'float32', 4);
    const seen: RankRecord[] = [];
    const cb = rankLoggingCallback({ layers: ['hid*'], every: 2, log: (r) => seen.push(r) });
    // 20 examples / batch 4 = 5 batches per epoch, 2 epochs = 10 batches: records at steps 2, 4, ..., 10
    await model.fit(x, y, { epochs: 2, batchSize: 4, shuffle: false, verbose: 0, callbacks: [cb] });
    expect(seen.map((r) => [r.epoch, r.step])).toEqual([
      [0, 2],
      [0, 4],
      [1, 6],
      [1, 8],
      [1, 10],
    ]);
    expect(cb.records).toEqual(seen);
    const last = seen.at(-1)!.values;
    expect(Object.keys(last).sort()).toEqual([
      'collapse/hidden/duplicates',
      'collapse/hidden/independent',
      'collapse/hidden/vanished',
      'erank/hidden',
      'stable-rank/hidden',
    ]);
    const kernel = (await model.getLayer('hidden').getWeights()[0]!.array()) as number[][];
    expect(last['erank/hidden']).toBeCloseTo(erankOf(kernel), 5);
    tf.dispose([x, y]);
  });

  it('sees duplicated neurons as collapse', async () => {
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [2], units: 3, name: 'h' }), tfl.layers.dense({ units: 1, name: 'o' })],
    });
    model.getLayer('h').setWeights([
      tf.tensor2d([
        [1, 1, 0],
        [2, 2, 1],
      ]),
      tf.zeros([3]),
    ]);
    model.getLayer('o').setWeights([tf.tensor2d([[1], [1], [1]]), tf.zeros([1])]);
    model.compile({ optimizer: tf.train.sgd(0), loss: 'meanSquaredError' });
    const cb = rankLoggingCallback({ every: 1, log: () => {} });
    await model.fit(tf.ones([2, 2]), tf.ones([2, 1]), { epochs: 1, batchSize: 2, verbose: 0, callbacks: [cb] });
    expect(cb.records[0]!.values['collapse/h/duplicates']).toBe(1);
    expect(cb.records[0]!.values['collapse/h/independent']).toBeCloseTo(2 / 3, 12);
    expect(cb.records[0]!.values['erank/o']).toBeCloseTo(1, 12); // a 3×1 kernel has one singular value
    expect(() => rankLoggingCallback({ every: 0 })).toThrow(/every must be a whole number >= 1/);
  });
});
