export {
  denseMatrix,
  fromRows,
  frobeniusNorm,
  tensorToMatrix,
  toDense,
  transpose,
  type DenseMatrix,
  type MatrixInput,
} from './dense-matrix.js';
export { matrixShape, matrixView } from './matrix-shape.js';
export { multiply } from './products.js';
export { jacobiSvd, type JacobiOptions, type JacobiSvd } from './jacobi-svd.js';
export { resolvePolarMethod, singularValues, type SingularValueOptions } from './singular-values.js';
export { symmetricEigen, type SymmetricEigen } from './symmetric-eigen.js';
export {
  defaultRankTolerance,
  polarDecomposition,
  type PolarDecomposition,
  NoFloat64AcceleratorError,
  type PolarMethod,
  type PolarOptions,
} from './polar.js';
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
export { float64Accelerator, setFloat64Accelerator, type Float64Accelerator } from './accelerator.js';
export { ScratchPool } from './scratch-pool.js';
