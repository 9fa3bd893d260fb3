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
    throw new RangeError(
      `${className}: method must be one of ${SPECTRAL_METHODS.join(', ')} (got ${JSON.stringify(m)})`,
    );
  }
  return m as SpectralMethod;
}

/** Shared shape of the rankbias regularizers: `factor` times a scalar of the weight, rebuilt from `getConfig()`. */
abstract class FactorRegularizer extends RegularizerBase {
  readonly factor: number;

  constructor(className: string, config: FactorConfig) {
    super();
    this.factor = checkedFactor(className, config);
  }

  /** The unweighted penalty of one weight. */
  protected abstract value(x: tf.Tensor): tf.Scalar;

  apply(x: tf.Tensor): tf.Scalar {
    return tf.tidy(() => tf.mul(this.value(x), this.factor) as tf.Scalar);
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

/** A factor regularizer over a spectral quantity, with the method that computes it. */
abstract class SpectralRegularizer extends FactorRegularizer {
  readonly method: SpectralMethod;

  constructor(className: string, config: SpectralRegularizerConfig) {
    super(className, config);
    this.method = checkedMethod(className, config.method);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { factor: this.factor, method: this.method };
  }
}

/**
 * `kernelRegularizer` adding factor · ||W||_* / ||W||_F (the depth-mirror
 * penalty) for plain `model.fit` users. Serializable as `rankbias.DepthMirror`.
 */
export class DepthMirrorRegularizer extends SpectralRegularizer {
  static readonly className = 'rankbias.DepthMirror';

  constructor(config: SpectralRegularizerConfig = {}) {
    super(DepthMirrorRegularizer.className, config);
  }

  protected value(x: tf.Tensor): tf.Scalar {
    return depthMirrorOp(x, this.method);
  }
}

/** `kernelRegularizer` adding factor · ||W||_*. Serializable as `rankbias.NuclearNorm`. */
export class NuclearNormRegularizer extends SpectralRegularizer {
  static readonly className = 'rankbias.NuclearNorm';

  constructor(config: SpectralRegularizerConfig = {}) {
    super(NuclearNormRegularizer.className, config);
  }

  protected value(x: tf.Tensor): tf.Scalar {
    return nuclearNormOp(x, this.method);
  }
}

/**
 * `kernelRegularizer` adding factor · ||W||_F² (what the `l2` penalty adds;
 * tfjs' own `l2` uses the same sum). Serializable as `rankbias.SquaredFrobenius`.
 */
export class SquaredFrobeniusRegularizer extends FactorRegularizer {
  static readonly className = 'rankbias.SquaredFrobenius';

  constructor(config: FactorConfig = {}) {
    super(SquaredFrobeniusRegularizer.className, config);
  }

  protected value(x: tf.Tensor): tf.Scalar {
    return tf.sum(tf.square(x));
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
