import * as tf from '@tensorflow/tfjs-core';
import type { Schedule } from './types.js';

/** A learning-rate schedule as plain data (serialisable in optimizer configs). */
export type ScheduleSpec =
  | { readonly type: 'constant'; readonly value: number }
  | {
      /** init · (alpha + (1 − alpha) · ½(1 + cos(π · min(t, decaySteps) / decaySteps))). */
      readonly type: 'cosine';
      readonly init: number;
      readonly decaySteps: number;
      readonly alpha?: number;
    }
  | {
      /** init · rate^(t / transitionSteps). */
      readonly type: 'exponential';
      readonly init: number;
      readonly rate: number;
      readonly transitionSteps: number;
    };

/** The schedule function of a spec; `t` is the number of updates done before this one. */
export function scheduleFromSpec(spec: ScheduleSpec): Schedule {
  switch (spec.type) {
    case 'constant':
      return () => tf.scalar(spec.value);
    case 'cosine': {
      if (!(spec.decaySteps > 0))
        throw new RangeError(`cosine schedule: decaySteps must be > 0, got ${spec.decaySteps}`);
      const alpha = spec.alpha ?? 0;
      return (count) => {
        const t = tf.minimum(tf.cast(count, 'float32'), spec.decaySteps);
        const cos = tf.mul(0.5, tf.add(1, tf.cos(tf.mul(t, Math.PI / spec.decaySteps))));
        return tf.mul(spec.init, tf.add(alpha, tf.mul(1 - alpha, cos))) as tf.Scalar;
      };
    }
    case 'exponential':
      if (!(spec.transitionSteps > 0)) {
        throw new RangeError(`exponential schedule: transitionSteps must be > 0, got ${spec.transitionSteps}`);
      }
      return (count) =>
        tf.mul(
          spec.init,
          tf.pow(tf.scalar(spec.rate), tf.div(tf.cast(count, 'float32'), spec.transitionSteps)),
        ) as tf.Scalar;
    default:
      throw new Error(
        `unknown schedule type ${JSON.stringify((spec as { type: unknown }).type)}; use constant, cosine or exponential`,
      );
  }
}
