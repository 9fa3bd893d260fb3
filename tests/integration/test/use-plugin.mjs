// Plain tfjs code using an installed rankbias plugin (no rankbias trainer, no TypeScript):
// expand a model's Dense layers into products of linear factors, collapse them back,
// and check that both compute the same function with the base parameter count.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { collapse, overparameterize } from '@rankbias/linear-overparam';

await tf.setBackend('cpu');
const base = tfl.sequential({
  layers: [tfl.layers.dense({ units: 6, inputShape: [4], activation: 'relu' }), tfl.layers.dense({ units: 3 })],
});
const expanded = overparameterize(base, { depth: 3 });
const collapsed = collapse(expanded);
const x = tf.randomNormal([8, 4], 0, 1, 'float32', 7);
const diff = tf.max(tf.abs(tf.sub(expanded.predict(x), collapsed.predict(x)))).dataSync()[0];
console.log(
  JSON.stringify({
    baseParams: base.countParams(),
    expandedParams: expanded.countParams(),
    collapsedParams: collapsed.countParams(),
    collapsedLayers: collapsed.layers.map((l) => l.getClassName()),
    maxAbsDiff: diff,
  }),
);
