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

/**
 * A `TransformOptimizer` whose whole state of construction is a plain config:
 * `getConfig` returns it and `fromConfig` rebuilds the optimizer from it, so
 * the named optimizers below serialise with `model.save` and load back.
 */
abstract class ConfiguredOptimizer<C extends object> extends TransformOptimizer {
  constructor(
    transform: ConstructorParameters<typeof TransformOptimizer>[0],
    readonly config: C,
  ) {
    super(transform);
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

/** Adam as a `tf.Optimizer` built from `chain(scaleByAdam, addDecoupledGradients, scaleByLearningRate)`. */
export class AdamRank extends ConfiguredOptimizer<Required<AdamRankConfig>> {
  static override className = 'rankbias.AdamRank';

  constructor(config: AdamRankConfig = {}) {
    const full = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, ...config };
    super(adam(full.learningRate, { beta1: full.beta1, beta2: full.beta2, eps: full.epsilon }), full);
  }
}

/** AdamW as a `tf.Optimizer`: `chain(scaleByAdam, addDecayedWeights, addDecoupledGradients, scaleByLearningRate)`. */
export class AdamWRank extends ConfiguredOptimizer<
  AdamWRankConfig & Required<Omit<AdamWRankConfig, 'weightDecayMask'>>
> {
  static override className = 'rankbias.AdamWRank';

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
      full,
    );
  }
}

/** Gradient descent with optional (Nesterov) momentum and weight decay, as a `tf.Optimizer`. */
export class GDRank extends ConfiguredOptimizer<GDRankConfig & Required<Omit<GDRankConfig, 'weightDecayMask'>>> {
  static override className = 'rankbias.GDRank';

  constructor(config: GDRankConfig = {}) {
    const full = { learningRate: 1e-2, momentum: 0, nesterov: false, weightDecay: 0, ...config };
    super(sgd(full.learningRate, full), full);
  }
}

tf.serialization.registerClass(AdamRank);
tf.serialization.registerClass(AdamWRank);
tf.serialization.registerClass(GDRank);
