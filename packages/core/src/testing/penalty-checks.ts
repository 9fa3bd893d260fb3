import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '../contracts/named-tensor.js';
import type { Penalty } from '../contracts/penalty.js';
import { createRng } from '../rng/rng.js';
import { penalizedLoss } from './penalized-loss.js';

/** Outcome of a conformance check: `ok`, and what was measured when it is not. */
export interface CheckResult {
  readonly ok: boolean;
  readonly message: string;
}

const pass = (message: string): CheckResult => ({ ok: true, message });
const fail = (message: string): CheckResult => ({ ok: false, message });

function named(weights: readonly NamedTensor[], tensors: readonly tf.Tensor[]): NamedTensor[] {
  return weights.map((w, i) => ({ name: w.name, tensor: tensors[i]! }));
}

/** The penalty's value and its gradient w.r.t. every weight, read back as plain arrays. */
export function valueAndGradients(
  penalty: Penalty,
  weights: readonly NamedTensor[],
): { value: number; grads: Float32Array[] } {
  const tensors = weights.map((w) => w.tensor);
  const { value, grads } = tf.valueAndGrads((...ts: tf.Tensor[]) => penalty.value(named(weights, ts)))(tensors);
  const out = { value: value.dataSync()[0]!, grads: grads.map((g) => Float32Array.from(g.dataSync())) };
  tf.dispose([value, ...grads]);
  return out;
}

/** Value is a rank-0, finite tensor, the same on a second call, and leaves no tensor behind. */
export function checkScalarFinite(penalty: Penalty, weights: readonly NamedTensor[]): CheckResult {
  const before = tf.memory().numTensors;
  const read = () => {
    const v = tf.tidy(() => penalty.value(weights));
    const out = { rank: v.rank, value: v.dataSync()[0]!, size: v.size };
    v.dispose();
    return out;
  };
  const first = read();
  const second = read();
  const leaked = tf.memory().numTensors - before;
  if (first.rank !== 0 || first.size !== 1)
    return fail(`value has rank ${first.rank} (size ${first.size}); a penalty must return a scalar`);
  if (!Number.isFinite(first.value)) return fail(`value is ${first.value} on random weights`);
  if (first.value !== second.value) return fail(`value is not deterministic: ${first.value} then ${second.value}`);
  if (leaked !== 0) return fail(`value leaked ${leaked} tensor(s); wrap intermediate work in tf.tidy`);
  return pass(`value ${first.value}`);
}

/** Value and every gradient entry are finite (e.g. at the zero weight, where 0/0 lurks). */
export function checkFiniteWithGradient(penalty: Penalty, weights: readonly NamedTensor[]): CheckResult {
  const { value, grads } = valueAndGradients(penalty, weights);
  if (!Number.isFinite(value)) return fail(`value is ${value}`);
  for (const [i, g] of grads.entries()) {
    const bad = g.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) return fail(`gradient of ${weights[i]!.name} has ${g[bad]} at index ${bad}`);
  }
  return pass(`value ${value}, gradients finite`);
}

/** Options of `checkGradient`. */
export interface GradientCheckOptions {
  /** Random directions tested (default 6). */
  readonly directions?: number;
  /** Step as a fraction of ||W|| (default 1e-2; float32 needs it that large). */
  readonly step?: number;
  /** Allowed |fd - analytic| relative to ||grad|| (default 1e-2). */
  readonly tolerance?: number;
  readonly seed?: number;
}

/**
 * Directional central finite differences, f(W + hD) − f(W − hD) / 2h, against
 * ⟨∇f, D⟩ for random unit directions D spanning all weights. Directions keep
 * the check cheap for any weight size and average out float32 rounding.
 */
export function checkGradient(
  penalty: Penalty,
  weights: readonly NamedTensor[],
  options: GradientCheckOptions = {},
): CheckResult {
  const { directions = 6, step = 1e-2, tolerance = 1e-2, seed = 7 } = options;
  const rng = createRng(seed).fork('gradient-check');
  const base = weights.map((w) => Float64Array.from(w.tensor.dataSync()));
  const { grads } = valueAndGradients(penalty, weights);
  const gradNorm = Math.sqrt(grads.reduce((s, g) => s + g.reduce((t, x) => t + x * x, 0), 0));
  const weightNorm = Math.sqrt(base.reduce((s, w) => s + w.reduce((t, x) => t + x * x, 0), 0));
  const h = step * Math.max(weightNorm, 1);
  const evaluate = (dirs: Float64Array[], sign: number) =>
    tf.tidy(() => {
      const moved = weights.map((w, i) =>
        tf.tensor(
          Float32Array.from(base[i]!, (x, k) => x + sign * h * dirs[i]![k]!),
          w.tensor.shape,
          'float32',
        ),
      );
      return penalty.value(named(weights, moved));
    });
  let worst = 0;
  for (let d = 0; d < directions; d++) {
    const dirs = base.map((w) => Float64Array.from(w, () => rng.normal()));
    const norm = Math.sqrt(dirs.reduce((s, v) => s + v.reduce((t, x) => t + x * x, 0), 0));
    dirs.forEach((v) => v.forEach((x, k) => (v[k] = x / norm)));
    const plus = evaluate(dirs, 1);
    const minus = evaluate(dirs, -1);
    const fd = (plus.dataSync()[0]! - minus.dataSync()[0]!) / (2 * h);
    tf.dispose([plus, minus]);
    const analytic = grads.reduce((s, g, i) => s + g.reduce((t, x, k) => t + x * dirs[i]![k]!, 0), 0);
    const error = Math.abs(fd - analytic) / Math.max(gradNorm, 1e-6);
    worst = Math.max(worst, error);
    if (!(error <= tolerance)) {
      return fail(
        `direction ${d}: finite difference ${fd} vs gradient·direction ${analytic} (error ${error.toExponential(2)} of ||grad|| = ${gradNorm}, tolerance ${tolerance})`,
      );
    }
  }
  return pass(`worst relative error ${worst.toExponential(2)}`);
}

/**
 * With multiplier 0, loss + 0·P has exactly the gradients of the loss alone
 * (no NaN from P poisons them), for a simple data loss Σ sin(W).
 */
export function checkZeroWeightNoEffect(penalty: Penalty, weights: readonly NamedTensor[]): CheckResult {
  const tensors = weights.map((w) => w.tensor);
  const dataLoss = (ts: readonly tf.Tensor[]) => tf.addN(ts.map((t) => tf.sum(tf.sin(t)))) as tf.Scalar;
  const plain = tf.grads((...ts: tf.Tensor[]) => dataLoss(ts))(tensors);
  const withZero = tf.grads((...ts: tf.Tensor[]) =>
    penalizedLoss(dataLoss(ts), [{ penalty, weight: 0, weights: named(weights, ts) }]),
  )(tensors);
  try {
    for (let i = 0; i < tensors.length; i++) {
      const a = plain[i]!.dataSync();
      const b = withZero[i]!.dataSync();
      const k = a.findIndex((x, j) => x !== b[j]);
      if (k >= 0)
        return fail(`gradient of ${weights[i]!.name}[${k}] is ${b[k]} with weight 0, ${a[k]} without the penalty`);
    }
    return pass('identical gradients');
  } finally {
    tf.dispose([...plain, ...withZero]);
  }
}
