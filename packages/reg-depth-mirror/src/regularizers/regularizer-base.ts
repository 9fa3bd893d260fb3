import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Regularizer } from '@tensorflow/tfjs-layers/dist/regularizers.js';

/**
 * tfjs-layers' `Regularizer` base class. The package does not export it by
 * name, and `kernelRegularizer` accepts only its instances, so it is taken
 * from the prototype chain of a built-in regularizer.
 */
export const RegularizerBase = Object.getPrototypeOf(
  tfl.regularizers.l1l2({ l1: 0, l2: 0 }).constructor,
) as abstract new () => Regularizer;

export type { Regularizer };

/** Config every rankbias regularizer stores: the multiplier. */
export interface FactorConfig {
  /** Multiplier λ >= 0 (default 1). */
  factor?: number;
}

/** Reads and checks `factor`; a clear error names the class when it is bad. */
export function checkedFactor(className: string, config: FactorConfig = {}): number {
  const factor = config.factor ?? 1;
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 0) {
    throw new RangeError(`${className}: factor must be a finite number >= 0 (got ${JSON.stringify(factor)})`);
  }
  return factor;
}

export type { tf };
