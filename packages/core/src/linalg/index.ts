export {
  denseMatrix,
  fromRows,
  frobeniusNorm,
  toDense,
  transpose,
  type DenseMatrix,
  type MatrixInput,
} from './dense-matrix.js';
export { matrixShape } from './matrix-shape.js';
export { jacobiSvd, singularValues, type JacobiOptions, type JacobiSvd } from './jacobi-svd.js';
export {
  effectiveRank,
  nuclearFrobeniusRatio,
  numericalRank,
  spectralEntropy,
  spectrumSummary,
  stableRank,
  type RankTolerance,
  type SpectrumSummary,
} from './spectral.js';
