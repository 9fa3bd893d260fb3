import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { AdamWRank } from '@rankbias/optim-adam-rank';

await tf.setBackend('cpu');
const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [4], units: 8, activation: 'relu' }), tfl.layers.dense({ units: 1 })] });
model.compile({
  optimizer: new AdamWRank({ learningRate: { type: 'cosine', init: 1e-2, decaySteps: 100 }, weightDecay: 1e-2, weightDecayMask: ['*kernel*'] }),
  loss: 'meanSquaredError',
});
const x = tf.randomNormal([64, 4]);
const y = tf.sum(x, 1, true);
await model.fit(x, y, { epochs: 5, batchSize: 16, verbose: 0 });

// save with the optimizer state; tfl.loadLayersModel restores both (classes are registered on import)
await model.save(tf.io.withSaveHandler(async (artifacts) => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })), { includeOptimizer: true });

console.log('README example OK', model.optimizer.iterations);
