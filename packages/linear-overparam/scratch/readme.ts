import 'reflect-metadata';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { saveModelToDir } from '@rankbias/core';
import { collapse, overparameterize } from '../src/index.js';

await tf.setBackend('cpu');
const base = tfl.sequential({
  layers: [
    tfl.layers.dense({ inputShape: [20], units: 64, activation: 'relu' }),
    tfl.layers.dense({ units: 3, activation: 'softmax' }),
  ],
});

// every Dense becomes a product of 4 linear factors (inner width 2 × units)
const expanded = overparameterize(base, { depth: 4, expansion: 2 });
expanded.compile({ optimizer: tf.train.sgd(0.05), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const x = tf.randomNormal([256, 20]);
const y = tf.cast(tf.argMax(tf.matMul(x, tf.randomNormal([20, 3])), 1), 'float32');
await expanded.fit(x, y, { epochs: 5, batchSize: 32, verbose: 0 });

const plain = collapse(expanded); // standard Dense layers, same outputs
console.log(base.countParams(), expanded.countParams(), plain.countParams()); // 1539 34115 1539
await saveModelToDir(plain, '/tmp/lo-readme-model'); // model.json + weights.bin, loads without rankbias
