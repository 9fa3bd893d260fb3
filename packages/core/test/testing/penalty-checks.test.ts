import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../../src/contracts/plugin.js';
import type { Penalty } from '../../src/contracts/penalty.js';
import {
  checkFiniteWithGradient,
  checkGradient,
  checkScalarFinite,
  checkZeroWeightNoEffect,
} from '../../src/testing/penalty-checks.js';
import { describePenaltyConformance } from '../../src/testing/penalty-conformance.js';
import { disposeWeights, randomWeights, zeroWeights, DEFAULT_WEIGHT_SPECS } from '../../src/testing/weights.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const squaredNorm: Penalty = {
  value: (ws) => tf.addN(ws.map((w) => tf.sum(tf.square(w.tensor)))) as tf.Scalar,
};

/** Σ||W||² with a wrong custom gradient (W instead of 2W). */
const wrongGradient: Penalty = {
  value: (ws) =>
    tf.addN(
      ws.map((w) =>
        tf.customGrad(((x: tf.Tensor) => ({
          value: tf.sum(tf.square(x)),
          gradFunc: (dy: tf.Tensor) => tf.mul(dy, x),
        })) as unknown as Parameters<typeof tf.customGrad>[0])(w.tensor),
      ),
    ) as tf.Scalar,
};

/** Σ sum(W)/||W||: NaN at zero. */
const nanAtZero: Penalty = {
  value: (ws) => tf.addN(ws.map((w) => tf.div(tf.sum(w.tensor), tf.norm(w.tensor)))) as tf.Scalar,
};

const notScalar: Penalty = { value: (ws) => tf.sum(tf.square(ws[0]!.tensor), 0) as unknown as tf.Scalar };

const leaking: Penalty = {
  value: (ws) => {
    tf.keep(tf.ones([2]));
    return squaredNorm.value(ws);
  },
};

function withRandom<T>(fn: (ws: ReturnType<typeof randomWeights>) => T): T {
  const ws = randomWeights(DEFAULT_WEIGHT_SPECS, 5);
  try {
    return fn(ws);
  } finally {
    disposeWeights(ws);
  }
}

describe('penalty checks catch broken penalties', () => {
  it('accept a correct penalty', () => {
    withRandom((ws) => {
      for (const check of [checkScalarFinite, checkFiniteWithGradient, checkGradient, checkZeroWeightNoEffect]) {
        const r = check(squaredNorm, ws);
        expect(r.ok, r.message).toBe(true);
      }
    });
  });

  it('checkGradient rejects a wrong gradient', () => {
    const r = withRandom((ws) => checkGradient(wrongGradient, ws));
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/finite difference/);
  });

  it('checkFiniteWithGradient and checkZeroWeightNoEffect reject NaN at zero weights', () => {
    const ws = zeroWeights(DEFAULT_WEIGHT_SPECS);
    expect(checkFiniteWithGradient(nanAtZero, ws).ok).toBe(false);
    expect(checkZeroWeightNoEffect(nanAtZero, ws).ok).toBe(false);
    disposeWeights(ws);
  });

  it('checkScalarFinite rejects a non-scalar value and a tensor leak', () => {
    withRandom((ws) => {
      expect(checkScalarFinite(notScalar, ws).message).toMatch(/rank 1/);
      expect(checkScalarFinite(leaking, ws).message).toMatch(/leaked 2 tensor\(s\)/);
    });
  });
});

// The suite itself, end to end (trainer included), on a plain squared-norm penalty.
describePenaltyConformance({
  factory: definePlugin({
    kind: 'penalty',
    name: 'test-squared-norm',
    description: 'squared Frobenius norm (suite self-test)',
    package: '@rankbias/core',
    options: z.strictObject({ scale: z.number().positive().default(1) }),
    create: (o) => ({ value: (ws) => tf.mul(squaredNorm.value(ws), o.scale) as tf.Scalar }),
  }),
  options: { scale: 2 },
});
