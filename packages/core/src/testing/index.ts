/**
 * `@rankbias/core/testing`: the shared penalty conformance suite (vitest) and
 * the pieces it is made of. Needs `vitest` installed (optional peer of core).
 */
import 'reflect-metadata';

export { describeMetricConformance, type MetricConformanceOptions } from './metric-conformance.js';
export { describePenaltyConformance, type PenaltyConformanceOptions } from './penalty-conformance.js';
export {
  checkFiniteWithGradient,
  checkGradient,
  checkScalarFinite,
  checkZeroWeightNoEffect,
  valueAndGradients,
  type CheckResult,
  type GradientCheckOptions,
} from './penalty-checks.js';
export { penalizedLoss, type WeightedPenalty } from './penalized-loss.js';
export { DEFAULT_WEIGHT_SPECS, disposeWeights, randomWeights, zeroWeights, type WeightSpec } from './weights.js';
export {
  conformanceDataset,
  conformanceFixtures,
  conformanceModel,
  conformanceOptimizer,
} from './conformance-plugins.js';
export { conformanceConfig, conformanceContainer, trainWithRecords } from './trainer-runs.js';
export { watchPrototypes } from './prototype-guard.js';
