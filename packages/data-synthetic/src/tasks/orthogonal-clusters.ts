import { dataRng, definePlugin, z, type Rng } from '@rankbias/core';
import { sampleCountsShape, type SampleCounts } from './common-options.js';
import { randomDirection } from './gaussian.js';
import { InMemoryDataset, type SplitArrays } from './in-memory-dataset.js';

export interface OrthogonalClustersOptions extends SampleCounts {
  /** Input dimension d; near-orthogonality needs d ≳ n². */
  readonly dim: number;
  /** ‖μ‖; default d^{1/4}. */
  readonly meanNorm?: number;
}

/** Two-class mixture x = y μ + z with z ~ N(0, I_d), y uniform in {−1, +1}. */
export function clusterSplit(mu: Float32Array, count: number, rng: Rng): SplitArrays {
  const d = mu.length;
  const x = new Float32Array(count * d);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const label = rng.next() < 0.5 ? -1 : 1;
    y[i] = label;
    for (let j = 0; j < d; j++) x[i * d + j] = label * mu[j]! + rng.normal();
  }
  return { x, y };
}

/** Builds the nearly-orthogonal two-cluster task of Frei et al. (docs/science.md#2-leaky-relu-nets-on-nearly-orthogonal-data). */
export function orthogonalClusters(options: OrthogonalClustersOptions, rng: Rng, fallbackRng: Rng): InMemoryDataset {
  const norm = options.meanNorm ?? options.dim ** 0.25;
  const mu = randomDirection(rng.fork('mean'), options.dim, norm);
  return new InMemoryDataset({
    name: 'orthogonal-clusters',
    task: 'binary',
    inputShape: [options.dim],
    outputSize: 1,
    splits: {
      train: clusterSplit(mu, options.n, rng.fork('train')),
      validation: clusterSplit(mu, options.nValidation, rng.fork('validation')),
      test: clusterSplit(mu, options.nTest, rng.fork('test')),
    },
    labelNoise: options.labelNoise,
    fallbackRng,
  });
}

export const orthogonalClustersPlugin = definePlugin({
  kind: 'dataset',
  name: 'orthogonal-clusters',
  description:
    'Binary Gaussian mixture x = yμ + z, z ~ N(0, I_d), labels ±1 (logistic loss); nearly orthogonal samples for d ≳ n² (Frei et al.)',
  options: z.strictObject({
    ...sampleCountsShape,
    n: sampleCountsShape.n.default(100),
    nTest: sampleCountsShape.nTest.default(200),
    dim: z.number().int().positive().default(10000).describe('input dimension d (near-orthogonality needs d ≳ n²)'),
    meanNorm: z.number().nonnegative().optional().describe('‖μ‖ (default d^{1/4})'),
    labelNoise: sampleCountsShape.labelNoise.pipe(z.number().max(1)),
  }),
  create(options, ctx) {
    return orthogonalClusters(options, dataRng(options, ctx), ctx.rng.fork('label-noise'));
  },
});
