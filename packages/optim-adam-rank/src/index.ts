/**
 * @rankbias/optim-adam-rank — Adam, AdamW and gradient descent as composable
 * Optax-style gradient transforms, with `tf.Optimizer` adapters that work in
 * `model.compile`, serialise, resume exactly and accept decoupled penalty
 * gradients.
 */
export type {
  GradientTransformation,
  Params,
  Schedule,
  TransformResult,
  TransformState,
  UpdateExtras,
  Updates,
} from './transforms/types.js';
export { scaleByAdam, type ScaleByAdamOptions } from './transforms/scale-by-adam.js';
export { traceMomentum, type TraceMomentumOptions } from './transforms/trace-momentum.js';
export { addDecayedWeights } from './transforms/add-decayed-weights.js';
export { addDecoupledGradients } from './transforms/add-decoupled-gradients.js';
export { scaleByLearningRate, type LearningRate } from './transforms/scale-by-learning-rate.js';
export { scheduleFromSpec, type ScheduleSpec } from './transforms/schedules.js';
export { chain } from './transforms/chain.js';
export { masked, type ParamMask } from './transforms/masked.js';
export { adam, adamw, gd, sgd, type AdamWOptions, type SgdOptions } from './transforms/aliases.js';
export { TransformOptimizer } from './adapter/transform-optimizer.js';
export {
  AdamRank,
  AdamWRank,
  GDRank,
  type AdamRankConfig,
  type AdamWRankConfig,
  type GDRankConfig,
  type SerializableLearningRate,
} from './adapter/optimizers.js';
export { adamPlugin, adamwPlugin, gdPlugin, optimizerPlugins } from './plugins.js';
export { register } from './register.js';
