import type { Rng } from '@rankbias/core';
import { normalArray, randomDirection } from './gaussian.js';
import { randomOrthonormal } from './orthonormal.js';

/** A target function R^inputs → R^outputs. */
export interface Teacher {
  readonly inputs: number;
  readonly outputs: number;
  /** Writes f(x) for one example into `out[offset .. offset+outputs)`. */
  evaluate(x: Float32Array, out: Float32Array, offset: number): void;
}

/** y = ⟨β*, x⟩ with ‖β*‖ = `norm` along a random direction. */
export function linearScalarTeacher(rng: Rng, dim: number, norm: number): Teacher & { readonly beta: Float32Array } {
  const beta = randomDirection(rng, dim, norm);
  return {
    inputs: dim,
    outputs: 1,
    beta,
    evaluate(x, out, offset) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += beta[j]! * x[j]!;
      out[offset] = s;
    },
  };
}

/** The exact GELU, z·Φ(z), with Φ from an erf approximation accurate to 1.5e-7. */
export function gelu(z: number): number {
  const t = z / Math.SQRT2;
  const s = Math.sign(t);
  const a = Math.abs(t);
  const k = 1 / (1 + 0.3275911 * a);
  const erf =
    1 -
    ((((1.061405429 * k - 1.453152027) * k + 1.421413741) * k - 0.284496736) * k + 0.254829592) * k * Math.exp(-a * a);
  return 0.5 * z * (1 + s * erf);
}

const ACT = { relu: (z: number) => Math.max(z, 0), gelu } as const;

/**
 * y = Σ_k a_k φ(⟨w_k, x⟩) with unit w_k, φ = relu or gelu, and
 * a_k = ±norm/√width alternating in sign (a single neuron: a = +norm).
 */
export function neuronTeacher(
  rng: Rng,
  dim: number,
  width: number,
  norm: number,
  activation: 'relu' | 'gelu' = 'relu',
): Teacher {
  const w = Array.from({ length: width }, () => randomDirection(rng, dim, 1));
  const a = Array.from({ length: width }, (_, k) => ((k % 2 === 0 ? 1 : -1) * norm) / Math.sqrt(width));
  const phi = ACT[activation];
  return {
    inputs: dim,
    outputs: 1,
    evaluate(x, out, offset) {
      let s = 0;
      for (let k = 0; k < width; k++) {
        let z = 0;
        for (let j = 0; j < dim; j++) z += w[k]![j]! * x[j]!;
        s += a[k]! * phi(z);
      }
      out[offset] = s;
    },
  };
}

/** y = B* x with B* = U diag(s) Vᵀ (outputs × inputs), U and V random orthonormal frames. */
export function lowRankLinearTeacher(
  rng: Rng,
  inputs: number,
  outputs: number,
  singularValues: readonly number[],
): Teacher & { readonly matrix: Float64Array } {
  const r = singularValues.length;
  if (r > Math.min(inputs, outputs)) {
    throw new RangeError(
      `linear teacher: ${r} singular values exceed min(inputDim, outputDim) = ${Math.min(inputs, outputs)}`,
    );
  }
  const u = randomOrthonormal(rng.fork('U'), outputs, r);
  const v = randomOrthonormal(rng.fork('V'), inputs, r);
  const matrix = new Float64Array(outputs * inputs);
  for (let o = 0; o < outputs; o++)
    for (let i = 0; i < inputs; i++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += u[o * r + k]! * singularValues[k]! * v[i * r + k]!;
      matrix[o * inputs + i] = s;
    }
  return {
    inputs,
    outputs,
    matrix,
    evaluate(x, out, offset) {
      for (let o = 0; o < outputs; o++) {
        let s = 0;
        for (let i = 0; i < inputs; i++) s += matrix[o * inputs + i]! * x[i]!;
        out[offset + o] = s;
      }
    },
  };
}

/** `count` examples x ~ N(0, I), y = teacher(x) + N(0, noiseStd²) per target. */
export function teacherSplit(
  teacher: Teacher,
  count: number,
  noiseStd: number,
  rng: Rng,
): { x: Float32Array; y: Float32Array } {
  const x = normalArray(rng.fork('x'), count * teacher.inputs);
  const y = new Float32Array(count * teacher.outputs);
  const noise = rng.fork('noise');
  for (let i = 0; i < count; i++) {
    teacher.evaluate(x.subarray(i * teacher.inputs, (i + 1) * teacher.inputs), y, i * teacher.outputs);
    if (noiseStd > 0)
      for (let o = 0; o < teacher.outputs; o++) y[i * teacher.outputs + o]! += noiseStd * noise.normal();
  }
  return { x, y };
}
