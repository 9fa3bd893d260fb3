import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { correctCount, taskLoss } from '../../src/trainer/index.js';
import { useCpu } from '../fixtures/trainer/helpers.js';

const value = (t: tf.Tensor) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

describe('task losses (against plain float64 formulas)', () => {
  beforeAll(useCpu);

  it('classification: softmax cross-entropy over int labels; accuracy by argmax', () => {
    const logits = [
      [2, -1, 0.5],
      [0.1, 0.2, 3],
      [-4, 10, 0],
    ];
    const labels = [0, 1, 1];
    const expected =
      logits.reduce((s, row, i) => s + Math.log(row.reduce((a, v) => a + Math.exp(v), 0)) - row[labels[i]!]!, 0) / 3;
    const out = tf.tensor2d(logits);
    const y = tf.tensor1d(labels, 'int32');
    expect(value(taskLoss('classification', out, y))).toBeCloseTo(expected, 5);
    expect(value(correctCount('classification', out, y)!)).toBe(2);
    tf.dispose([out, y]);
  });

  it('binary: mean log(1 + exp(−y f)), stable for large margins; accuracy by sign', () => {
    const f = [1.5, -0.3, 200, -200];
    const y = [1, 1, -1, -1];
    // log(1 + e^z) = max(z, 0) + log1p(e^−|z|), z = −y f
    const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    const expected = f.reduce((s, v, i) => s + softplus(-y[i]! * v), 0) / 4;
    const out = tf.tensor2d(f, [4, 1]);
    const labels = tf.tensor1d(y);
    expect(value(taskLoss('binary', out, labels))).toBeCloseTo(expected, 3);
    expect(value(correctCount('binary', out, labels)!)).toBe(2);
    tf.dispose([out, labels]);
  });

  it('regression: mean squared error over every element, no accuracy', () => {
    const out = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const y = tf.tensor2d([
      [0, 2],
      [5, 1],
    ]);
    expect(value(taskLoss('regression', out, y))).toBeCloseTo((1 + 0 + 4 + 9) / 4, 6);
    expect(correctCount('regression', out, y)).toBeUndefined();
    tf.dispose([out, y]);
  });
});
