import * as tf from '@tensorflow/tfjs-core';
import { scheduleFromSpec, type ScheduleSpec } from './schedules.js';
import { stateEntry, type GradientTransformation, type Schedule } from './types.js';

/** A constant learning rate, a schedule function, or a schedule spec. */
export type LearningRate = number | Schedule | ScheduleSpec;

/**
 * u ← −lr · u (the minus sign makes updates additive). With a schedule the
 * state holds `count` and the rate of the k-th update is schedule(k − 1).
 */
export function scaleByLearningRate(learningRate: LearningRate): GradientTransformation {
  if (typeof learningRate === 'number') {
    if (!(learningRate >= 0))
      throw new RangeError(`scaleByLearningRate: learning rate must be >= 0, got ${learningRate}`);
    return {
      name: 'scale_by_learning_rate',
      constantScale: -learningRate,
      init: () => ({}),
      update(updates, state) {
        const out = Object.fromEntries(Object.entries(updates).map(([p, u]) => [p, tf.mul(u, -learningRate)]));
        return { updates: out, state };
      },
    };
  }
  const schedule = typeof learningRate === 'function' ? learningRate : scheduleFromSpec(learningRate);
  const name = 'scale_by_schedule';
  return {
    name,
    init: () => ({ count: tf.scalar(0, 'int32') }),
    update(updates, state) {
      const count = stateEntry(state, 'count', name) as tf.Scalar;
      const rate = tf.neg(schedule(count));
      const out = Object.fromEntries(Object.entries(updates).map(([p, u]) => [p, tf.mul(u, rate)]));
      return { updates: out, state: { ...state, count: tf.add(count, tf.scalar(1, 'int32')) } };
    },
  };
}
