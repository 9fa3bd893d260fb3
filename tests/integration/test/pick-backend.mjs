// What `backend: auto` picks in this project, and a product computed on it.
import 'reflect-metadata';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '@rankbias/core';

const selection = await selectBackend('auto');
const y = tf.matMul(
  tf.tensor2d([
    [1, 2],
    [3, 4],
  ]),
  tf.tensor2d([[5], [6]]),
);
console.log(
  JSON.stringify({
    name: selection.name,
    reason: selection.reason,
    active: tf.getBackend(),
    product: Array.from(await y.data()),
  }),
);
