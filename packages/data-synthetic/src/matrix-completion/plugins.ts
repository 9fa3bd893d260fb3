import { dataSeedOf, dataSeedOption, definePlugin, z, type AnyPluginFactory, type DatasetInfo } from '@rankbias/core';
import { MatrixCompletionDataset } from './dataset.js';
import { MatrixCompletionError } from './metric.js';
import { MatrixFactorization } from './model.js';
import { generateMatrixCompletion } from './problem.js';

/** 'matrix-completion': a seeded rank-r N × N ground truth with m observed entries. */
export const matrixCompletionDatasetPlugin = definePlugin({
  kind: 'dataset',
  name: 'matrix-completion',
  description:
    'matrix completion: W* = U Vᵀ (N×N, rank r, ‖W*‖_F = N), m entries observed uniformly (train), the rest unobserved (test); x = [row, col] int32',
  options: z
    .strictObject({
      size: z.number().int().min(2).default(100).describe('N (the matrix is N × N)'),
      rank: z.number().int().positive().default(5).describe('rank r of the ground truth'),
      observed: z.number().int().positive().default(2000).describe('m observed entries'),
      dataSeed: dataSeedOption,
      seedOffset: z.number().int().nonnegative().default(0).describe('deprecated: use dataSeed'),
    })
    .refine((o) => o.rank <= o.size, { message: 'rank must be <= size', path: ['rank'] })
    .refine((o) => o.observed < o.size * o.size, {
      message: 'observed must be < size² so that unobserved (test) entries remain',
      path: ['observed'],
    }),
  create: (o, ctx) =>
    new MatrixCompletionDataset(
      generateMatrixCompletion({ size: o.size, rank: o.rank, observed: o.observed, seed: dataSeedOf(o, ctx) }),
    ),
});

/** 'matrix-factorization': W_e = W_D ⋯ W_1 with small initialisation. */
export const matrixFactorizationModelPlugin = definePlugin({
  kind: 'model',
  name: 'matrix-factorization',
  description:
    'deep matrix factorisation W_e = W_D⋯W_1 (bias-free N×N factors, init N(0,(s^{1/D}/√N)²)); predicts W_e[row, col]; effective weight "end-to-end"',
  options: z.strictObject({
    depth: z.number().int().positive().default(1).describe('D, number of factors'),
    initScale: z.number().positive().default(1e-3).describe('s, so that ‖W_e‖_F ≈ s·√N at init'),
    size: z.number().int().min(2).default(100).describe('N; must equal the size of the matrix-completion dataset'),
  }),
  create: (o, ctx) => {
    const info = (ctx as { dataset?: DatasetInfo }).dataset;
    if (info && (info.inputDtype !== 'int32' || info.inputShape.join() !== '2')) {
      throw new TypeError(
        'model "matrix-factorization" predicts matrix entries from [row, col] int32 indices; use it with data: {use: matrix-completion}',
      );
    }
    return new MatrixFactorization({ size: o.size, depth: o.depth, initScale: o.initScale }, ctx.rng);
  },
});

/** 'matrix-completion-error': test relative error / RMSE, erank and top singular values. */
export const matrixCompletionMetricPlugin = definePlugin({
  kind: 'metric',
  name: 'matrix-completion-error',
  description:
    'matrix completion: relative Frobenius error and RMSE on unobserved entries, train RMSE, effective rank and top singular values of the learned matrix',
  options: z.strictObject({ topK: z.number().int().nonnegative().default(6).describe('singular values to report') }),
  create: (o) => new MatrixCompletionError(o.topK),
});

export const matrixCompletionPlugins: AnyPluginFactory[] = [
  matrixCompletionDatasetPlugin,
  matrixFactorizationModelPlugin,
  matrixCompletionMetricPlugin,
];
