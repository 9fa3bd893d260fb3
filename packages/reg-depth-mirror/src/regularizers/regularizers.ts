import * as tf from '@tensorflow/tfjs-core';
import { depthMirrorOp, nuclearNormOp } from '../ops/spectral-ops.js';
import { SPECTRAL_METHODS, type SpectralMethod } from '../ops/method.js';
import { RegularizerBase, checkedFactor, type FactorConfig } from './regularizer-base.js';

/** Config of the spectral regularizers. */
export interface SpectralRegularizerConfig extends FactorConfig {
  /** How ||W||_* is computed (default `auto`). */
  method?: SpectralMethod;
}

function checkedMethod(className: string, method: unknown): SpectralMethod {
  const m = method ?? 'auto';
  if (!(SPECTRAL_METHODS as readonly unknown[]).includes(m)) {
    throw new RangeError(`${className}: method must be one of ${SPECTRAL_METHODS.join(', ')} (got ${JSON.stringify(m)})`);
  }
  return m as SpectralMethod;
}

/**
 * `kernelRegularizer` adding factor · ||W||_* / ||W||_F (the depth-mirror
 * penalty) for plain `model.fit` users. Serializable as `rankbias.DepthMirror`.
 */
export class DepthMirrorRegularizer extends RegularizerBase {
  static readonly className = 'rankbias.DepthMirror';
  readonly factor: number;
  readonly method: SpectralMethod;

  constructor(config: SpectralRegularizerConfig = {}) {
    super();
    this.factor = checkedFactor(DepthMirrorRegularizer.className, config);
    this.method = checkedMethod(DepthMirrorRegularizer.className, config.method);
  }

  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.mul(depthMirrorOp(x, this.method), this.factor) as tf.Scalar);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { factor: this.factor, method: this.method };
  }

  /** Rebuilds from `getConfig()` output (tfjs serialization). */
  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config);
  }
}

/** `kernelRegularizer` adding factor · ||W||_*. Serializable as `rankbias.NuclearNorm`. */
export class NuclearNormRegularizer extends RegularizerBase {
  static readonly className = 'rankbias.NuclearNorm';
  readonly factor: number;
  readonly method: SpectralMethod;

  constructor(config: SpectralRegularizerConfig = {}) {
    super();
    this.factor = checkedFactor(NuclearNormRegularizer.className, config);
    this.method = checkedMethod(NuclearNormRegularizer.className, config.method);
  }

  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.mul(nuclearNormOp(x, this.method), this.factor) as tf.Scalar);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { factor: this.factor, method: this.method };
  }

  /** Rebuilds from `getConfig()` output (tfjs serialization). */
  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config);
  }
}

/**
 * `kernelRegularizer` adding factor · ||W||_F² (what the `l2` penalty adds;
 * tfjs' own `l2` uses the same sum). Serializable as `rankbias.SquaredFrobenius`.
 */
export class SquaredFrobeniusRegularizer extends RegularizerBase {
  static readonly className = 'rankbias.SquaredFrobenius';
  readonly factor: number;

  constructor(config: FactorConfig = {}) {
    super();
    this.factor = checkedFactor(SquaredFrobeniusRegularizer.className, config);
  }

  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.mul(tf.sum(tf.square(x)), this.factor) as tf.Scalar);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { factor: this.factor };
  }

  /** Rebuilds from `getConfig()` output (tfjs serialization). */
  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config);
  }
}

let registered = false;

/**
 * Registers the three regularizer classes with tfjs serialization (so saved
 * models that use them load). Idempotent; `register()` and the package
 * entry point call it.
 */
export function registerRegularizerClasses(): void {
  if (registered) return;
  registered = true;
  tf.serialization.registerClass(DepthMirrorRegularizer);
  tf.serialization.registerClass(NuclearNormRegularizer);
  tf.serialization.registerClass(SquaredFrobeniusRegularizer);
}
