// Plain tfjs-layers: the depth-mirror penalty as a kernelRegularizer in model.fit.
// Run: npx tsx examples/model-fit.ts   (from packages/reg-depth-mirror)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { DepthMirrorRegularizer, depthMirrorRatio, singularValues } from '@rankbias/reg-depth-mirror';

await tf.setBackend('cpu');

// Noisy targets of a rank-2 16x8 linear map, few examples: the data alone do not pin down a low-rank W.
const x = tf.randomNormal([32, 16], 0, 1, 'float32', 1);
const truth = tf.matMul(tf.randomNormal([16, 2], 0, 1, 'float32', 2), tf.randomNormal([2, 8], 0, 1, 'float32', 3));
const y = tf.add(tf.matMul(x, truth), tf.randomNormal([32, 8], 0, 0.5, 'float32', 4));

for (const factor of [0, 1]) {
  const dense = tfl.layers.dense({
    units: 8,
    inputShape: [16],
    useBias: false,
    kernelInitializer: tfl.initializers.glorotNormal({ seed: 5 }),
    kernelRegularizer: factor > 0 ? new DepthMirrorRegularizer({ factor }) : undefined,
  });
  const model = tfl.sequential({ layers: [dense] });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
  await model.fit(x, y, { epochs: 150, batchSize: 32, verbose: 0 });
  const kernel = dense.getWeights()[0]!;
  const sigma = [...singularValues(kernel)].map((s) => s.toFixed(2)).join(' ');
  console.log(`factor ${factor}: ||W||_*/||W||_F = ${depthMirrorRatio(kernel).toFixed(3)}; singular values ${sigma}`);
  // The regularizer is saved with the model topology as class rankbias.DepthMirror.
  if (factor > 0) console.log(JSON.stringify(model.toJSON(null, false)).includes('rankbias.DepthMirror'));
  model.dispose();
}
