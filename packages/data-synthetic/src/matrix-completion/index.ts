export {
  matrixCompletionPlugins,
  matrixCompletionDatasetPlugin,
  matrixFactorizationModelPlugin,
  matrixCompletionMetricPlugin,
} from './plugins.js';
export {
  generateMatrixCompletion,
  relativeError,
  rmse,
  type MatrixCompletionOptions,
  type MatrixCompletionProblem,
} from './problem.js';
export { MatrixCompletionDataset } from './dataset.js';
export { MatrixFactorization, gatherEntries, type MatrixFactorizationOptions } from './model.js';
export { factorChainEntries } from './factor-chain-entries.js';
export { MatrixCompletionError, learnedMatrix, matrixCompletionReport } from './metric.js';
export { softImpute, shrinkSingularValues, type SoftImputeOptions, type SoftImputeResult } from './soft-impute.js';
// The float64 Jacobi SVD and spectral measures are @rankbias/core's shared linear algebra, re-exported here.
export { effectiveRank, jacobiSvd, singularValues, spectralEntropy, type JacobiSvd } from '@rankbias/core';
