/**
 * @rankbias/eval: rank and collapse metrics, `rankbias inspect|compare|report`,
 * sweep aggregation, plots and a self-contained HTML report.
 */
export { register, evalPlugins } from './register.js';

// Spectral measures (@rankbias/core's float64 linear algebra, re-exported here).
// Matrix helpers that moved to @rankbias/core, kept for one minor version (deprecated).
export {
  matrix,
  fromRows,
  matrixShape,
  multiply,
  transpose,
  tensorToMatrix,
  type Matrix,
} from './linalg/deprecated-aliases.js';
export {
  singularValues,
  spectralEntropy,
  effectiveRank,
  stableRank,
  nuclearFrobeniusRatio,
  numericalRank,
  spectrumSummary,
  type JacobiOptions,
  type RankTolerance,
  type SpectrumSummary,
} from '@rankbias/core';
export { neuronVectors, detectCollapse, type CollapseThresholds, type CollapseReport } from './metrics/collapse.js';
export {
  cosine,
  cosinesWithDirection,
  pairwiseCosineStats,
  distinctDirections,
  type PairwiseCosineStats,
  type DirectionOptions,
} from './metrics/alignment.js';
export {
  selectWeightMatrices,
  embeddingMatrix,
  type NamedMatrix,
  type WeightSelection,
  type EmbeddingOptions,
} from './metrics/targets.js';
export { hiddenLayers, hiddenLayersOf, type HiddenLayer } from './metrics/model-neurons.js';

// Metric plugins.
export { effectiveRankMetric, stableRankMetric, spectrumMetric } from './plugins/spectral-metrics.js';
export { embeddingRankMetric } from './plugins/embedding-rank.js';
export { collapseMetric } from './plugins/collapse.js';
export { alignmentMetric } from './plugins/alignment.js';

// A callback for your own tfjs model.fit.
export {
  rankLoggingCallback,
  RankLoggingCallback,
  type RankLoggingOptions,
  type RankRecord,
} from './callbacks/rank-logger.js';

// Commands.
export {
  inspectCommand,
  inspectModel,
  inspectWeights,
  inspectSavedModel,
  inspectionTable,
  type LayerCollapse,
  type ModelInspection,
  type WeightInspection,
} from './commands/inspect.js';
export { inspectTargets, type InspectTarget } from './io/inspect-targets.js';
export { readSavedWeights, type SavedWeight, type SavedWeights } from './io/saved-weights.js';
export { compareCommand, compare, describePlan, type CompareOptions } from './commands/compare.js';
export { reportCommand } from './commands/report.js';
export { loadSavedModel } from './io/load-model.js';

// Sweeps and reports.
export { sweepSchema, targetSchema, reportSchema, type SweepSpec, type SweepTarget } from './sweep/schema.js';
export {
  expandSweep,
  readSweepFile,
  gridPoints,
  setKeyPath,
  type ExpandedSweep,
  type PlannedRun,
  type SweepReadOptions,
} from './sweep/expand.js';
export { stableHash, canonicalJson } from './sweep/hash.js';
export { executeRuns, type RunnerOptions, type RunnerOutcome } from './sweep/runner.js';
export { runState, runDirOf, planAction, type RunState } from './sweep/run-dir.js';
export { trainGroupsBatched } from './batch/batched-groups.js';
export { localSweepExecutor } from './sweep/local-executor.js';
export { defaultTrainCommand, coreCliEntry, type TrainCommand } from './sweep/train-command.js';
export { collectRuns, currentRuns, type CollectedRun } from './report/collect.js';
export { aggregate, curvePoints, type GroupSummary } from './report/aggregate.js';
export { stat, intervalsOverlap, pairedDifference, CONFIDENCE, type Stat } from './stats/interval.js';
export { studentTQuantile, studentTCdf } from './stats/student-t.js';
export { formatStat, formatNumber } from './stats/format.js';
export {
  writeReport,
  readSweepMeta,
  sweepMetaOf,
  writeSweepMeta,
  type SweepMeta,
  type ReportFiles,
} from './report/write-report.js';
export { renderSvg, svgToPng } from './report/render.js';
export { sweepJsonSchema } from './schema/sweep-json-schema.js';
