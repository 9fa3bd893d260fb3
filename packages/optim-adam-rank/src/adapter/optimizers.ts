import * as tf from '@tensorflow/tfjs-core';
import { adam, adamw, sgd } from '../transforms/aliases.js';
import type { ScheduleSpec } from '../transforms/schedules.js';
import { TransformOptimizer } from './transform-optimizer.js';

/** Learning rate in serialisable form: a number or a schedule spec. */
export type SerializableLearningRate = number | ScheduleSpec;

export interface AdamRankConfig {
  readonly learningRate?: SerializableLearningRate;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

export interface AdamWRankConfig extends AdamRankConfig {
  readonly weightDecay?: number;
  /** Glob patterns over variable names that decay; all when omitted. */
  readonly weightDecayMask?: readonly string[];
}

export interface GDRankConfig {
  readonly learningRate?: SerializableLearningRate;
  readonly momentum?: number;
  readonly nesterov?: boolean;
  readonly weightDecay?: number;
  readonly weightDecayMask?: readonly string[];
}

/** The config without what tfjs-layers' deserializer adds (`customObjects`). */
function ownConfig(config: tf.serialization.ConfigDict): tf.serialization.ConfigDict {
  const { customObjects: _ignored, ...own } = config;
  return own;
}

function plain<T extends object>(config: T): tf.serialization.ConfigDict {
  return JSON.parse(JSON.stringify(config)) as tf.serialization.ConfigDict;
}

/** Adam as a `tf.Optimizer` built from `chain(scaleByAdam, addDecoupledGradients, scaleByLearningRate)`. */
export class AdamRank extends TransformOptimizer {
  static override className = 'rankbias.AdamRank';
  readonly config: Required<AdamRankConfig>;

  constructor(config: AdamRankConfig = {}) {
    const full = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, ...config };
    super(adam(full.learningRate, { beta1: full.beta1, beta2: full.beta2, eps: full.epsilon }));
    this.config = full;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return plain(this.config);
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(ownConfig(config));
  }
}

/** AdamW as a `tf.Optimizer`: `chain(scaleByAdam, addDecayedWeights, addDecoupledGradients, scaleByLearningRate)`. */
export class AdamWRank extends TransformOptimizer {
  static override className = 'rankbias.AdamWRank';
  readonly config: AdamWRankConfig & Required<Omit<AdamWRankConfig, 'weightDecayMask'>>;

  constructor(config: AdamWRankConfig = {}) {
    const full = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 1e-2, ...config };
    super(
      adamw(full.learningRate, {
        beta1: full.beta1,
        beta2: full.beta2,
        eps: full.epsilon,
        weightDecay: full.weightDecay,
        weightDecayMask: full.weightDecayMask,
      }),
    );
    this.config = full;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return plain(this.config);
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(ownConfig(config));
  }
}

/** Gradient descent with optional (Nesterov) momentum and weight decay, as a `tf.Optimizer`. */
export class GDRank extends TransformOptimizer {
  static override className = 'rankbias.GDRank';
  readonly config: GDRankConfig & Required<Omit<GDRankConfig, 'weightDecayMask'>>;

  constructor(config: GDRankConfig = {}) {
    const full = { learningRate: 1e-2, momentum: 0, nesterov: false, weightDecay: 0, ...config };
    super(sgd(full.learningRate, full));
    this.config = full;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return plain(this.config);
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(ownConfig(config));
  }
}

tf.serialization.registerClass(AdamRank);
tf.serialization.registerClass(AdamWRank);
tf.serialization.registerClass(GDRank);
