// Public API of the trainer and of core's loggers, callbacks, optimizers, run directories and model IO.
export { runTraining } from './run-training.js';
export { trainRunInDir, type TrainRunInDirOptions, type TrainedRun } from './train-run-in-dir.js';
export { batchKey, NotBatchableError, trainBatched, type TrainBatchedOptions } from './batched/train-batched.js';
export { Trainer, type TrainerResult, type TrainerSettings } from './trainer.js';
export { buildComponents, defaultLoggers, type RunComponents, type ScheduledMetric } from './components.js';
export type { ProgressListener, RunTrainingOptions } from './context.js';
export { hasDatasetInfo, type ModelBuildContext } from '../contracts/model-build-context.js';
export { NonFiniteLossError, TrainerError } from './errors.js';
export { trainStep, type TrainStepInputs } from './train-step.js';
export { correctCount, taskLoss } from './task-loss.js';
export { evaluateSplit, type EvaluateOptions } from './evaluate.js';
export { assertDecoupledSupport, penaltyLabels, selectPenaltyWeights, type PenaltyTerm } from './penalty-terms.js';
export { BatchSchedule, type BatchScheduleState } from './batch-schedule.js';
export { updateBest } from './best-metrics.js';
export {
  CHECKPOINT_FORMAT,
  CheckpointError,
  hasCheckpoint,
  loadCheckpoint,
  readCheckpointState,
  saveCheckpoint,
  type CheckpointContents,
  type CheckpointExpectation,
  type CheckpointManifest,
  type TrainerState,
} from './checkpoint.js';
export { captureOptimizerState, restoreOptimizerState } from './optimizer-state.js';
export { configHash } from './content-hash.js';
export { seededCall } from '../rng/seeded-math.js';

export * from '../loggers/index.js';
export * from '../callbacks/index.js';
export * from '../optimizers/index.js';
export * from '../run-dir/index.js';
export * from '../io/index.js';
