/**
 * How fast CIFAR-shaped batches are assembled from the compact 8-bit store
 * (gather + planar→NHWC + normalisation, with and without crop/flip/label
 * noise), on a synthetic 50000-image store: no data files needed.
 *
 *   npx tsx bench/batch-throughput.ts
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRng, shuffledIndices } from '@rankbias/core';
import { allocateStore, ImageDataset, splitIndices, channelStatistics } from '../src/index.js';

await tf.setBackend('cpu');
const train = allocateStore(50000, 32, 32, 3);
const test = allocateStore(10, 32, 32, 3);
const rng = createRng(0);
for (let i = 0; i < train.pixels.length; i++) train.pixels[i] = (i * 2654435761) >>> 24;
for (let i = 0; i < train.count; i++) train.labels[i] = rng.int(10);
const splits = splitIndices(train.labels, test.labels, 10, { validation: 0 }, rng);
let t = performance.now();
const normalization = channelStatistics(train, splits.train);
console.log(`train-split channel statistics over 50000 images: ${(performance.now() - t).toFixed(0)} ms`);
const ds = new ImageDataset({
  name: 'bench',
  train,
  test,
  classes: 10,
  splits,
  normalization,
  augmentation: { cropPadding: 4, flip: true },
  labelNoise: 0.1,
  flatten: false,
  fallbackRng: rng,
});
for (const augment of [false, true]) {
  for (const size of [128, 512]) {
    const order = shuffledIndices(50000, createRng(1));
    const rounds = 20;
    t = performance.now();
    for (let r = 0; r < rounds; r++) {
      const b = ds.batch('train', order.subarray(r * size, (r + 1) * size), { augment, rng: createRng(r) });
      tf.dispose([b.x, b.y]);
    }
    const ms = (performance.now() - t) / rounds;
    console.log(
      `batch ${size}, augment ${augment}: ${ms.toFixed(1)} ms/batch (${((size / ms) * 1000).toFixed(0)} images/s)`,
    );
  }
}
