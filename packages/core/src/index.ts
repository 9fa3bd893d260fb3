import 'reflect-metadata';

export { z } from 'zod';
export type { Command } from 'commander';

export { TOKENS, PLUGIN_KINDS, type PluginKind } from './tokens.js';

export type { NamedTensor, NamedVariable } from './contracts/named-tensor.js';
export { definePlugin, type PluginContext, type PluginFactory } from './contracts/plugin.js';
export type { PluginInstanceMap } from './contracts/instances.js';
export type { StackedModel, TrainableModel } from './contracts/model.js';
export type { Batch, BatchOptions, Dataset, DatasetInfo, Split, TaskKind } from './contracts/dataset.js';
export type { Penalty, PenaltyCommonOptions } from './contracts/penalty.js';
export { supportsDecoupled, type DecoupledOptimizer } from './contracts/optimizer.js';
export type { Overparameterizer } from './contracts/overparam.js';
export type {
  Evaluation,
  Metric,
  MetricContext,
  MetricDescribeContext,
  MetricDirection,
  MetricInfo,
  MetricKeyInfo,
  MetricReference,
} from './contracts/metric.js';
export {
  metricDescriptionProblems,
  metricInfoOf,
  resolveMetricInfo,
  TRAINER_METRIC_KEYS,
} from './metrics/metric-info.js';
export type { Callback, StepRecord, TrainContext } from './contracts/callback.js';
export type { LogRecord, Logger } from './contracts/logger.js';
export type { RunResult, RunStatus } from './contracts/result.js';
export type { CliCommand, CliEnv } from './contracts/command.js';
export {
  SWEEP_EXECUTOR,
  SWEEP_EXECUTORS,
  type SweepExecuteOptions,
  type SweepExecutor,
  type SweepExecutorFactory,
  type SweepExecutorSettings,
  type SweepOutcome,
  type SweepReporter,
  type SweepRun,
  type SweepRunEnd,
  type SweepRunReport,
} from './contracts/sweep-executor.js';
export { RunBoard, type BoardItem, type BoardState } from './sweep/run-board.js';
export type { DoctorCheck, DoctorContext, DoctorProbe } from './contracts/doctor.js';

export { createRng, hashSeed, shuffledIndices, type Rng, type RngState } from './rng/rng.js';
export { withSeededMathRandom } from './rng/seeded-math.js';

export { globMatch, matchesAny } from './registry/glob.js';
export {
  PluginRegistry,
  registerPlugin,
  UnknownPluginError,
  type AnyPluginFactory,
  type RegisterOptions,
} from './registry/registry.js';
export { KNOWN_PLUGIN_PACKAGES, knownPackageFor } from './registry/known-plugins.js';
export {
  definePluginPackage,
  type PluginPackage,
  type PluginPackageJson,
  type ProvidedPlugins,
} from './registry/plugin-package.js';

export { ConfigError, formatPath, type ConfigIssue } from './config/errors.js';
export { InputError, isInputError } from './errors/input-error.js';
export { FileSystemInputError, fileSystemInputError } from './errors/file-system-error.js';
export { readConfigFile } from './config/load.js';
export { allowExtends, configJsonSchema, pluginSectionSchema, type JsonSchema } from './config/json-schema.js';
export { applyOverrides, parseKeyPath, setConfigPath } from './config/overrides.js';
export { CONFIG_LIMITS } from './config/limits.js';
export {
  BACKENDS,
  LINALG_CHOICES,
  experimentConfigSchema,
  pluginRefSchema,
  trainOptionsSchema,
  type BackendChoice,
  type LinalgChoice,
  type ExperimentConfig,
  type ExperimentConfigInput,
  type PluginRef,
  type TrainOptions,
} from './config/schema.js';
export {
  metricCommonSchema,
  penaltyCommonSchema,
  resolveConfig,
  toPlainConfig,
  type ResolvedConfig,
  type ResolvedPluginRef,
} from './config/resolve.js';

export * from './trainer/index.js';
export * from './backend/index.js';
export * from './discovery/index.js';
export * from './models/index.js';
export * from './data/index.js';
export * from './cli/index.js';
export * from './linalg/index.js';
export * from './doctor/index.js';
export { corePlugins, createPluginContainer, register } from './register.js';
