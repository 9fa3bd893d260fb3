import { describe, expect, it } from 'vitest';
import { gaussian, withSpectrum } from '../support/test-matrices.js';
import { plainTridiagonal } from '../support/plain-tridiagonal.js';
import { householderTridiagonal } from '../../src/linalg/tridiagonal.js';

function symmetric(n: number, seed: number): Float64Array {
  const b = gaussian(n, n, seed).data;
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[i * n + j] = b[i * n + j]! + b[j * n + i]!;
  return s;
}

/** Both reductions on copies of `a`: [d, e, V] of each. */
function reduceBoth(a: Float64Array, n: number) {
  const run = (reduce: typeof plainTridiagonal) => {
    const v = Float64Array.from(a);
    const d = new Float64Array(n);
    const e = new Float64Array(n);
    reduce(n, e, d, v);
    return { d, e, v };
  };
  return { blocked: run(householderTridiagonal), plain: run(plainTridiagonal) };
}

describe('householderTridiagonal (register-blocked tred2)', () => {
  // Odd and even sizes exercise the single leftover row of the paired loops and every remainder of the four-row one.
  for (const n of [1, 2, 3, 4, 5, 31, 33, 100, 129]) {
    it(`n=${n}: bit-identical to plain tred2 and Vᵀ T V reproduces A`, () => {
      const a = symmetric(n, 300 + n);
      const { blocked, plain } = reduceBoth(a, n);
      expect(blocked.d).toEqual(plain.d);
      expect(blocked.e).toEqual(plain.e);
      expect(blocked.v).toEqual(plain.v);
      // Independent check: with Q(c, r) = V[r*n + c], Q T Qᵀ = A for the tridiagonal T.
      const { d, e, v } = blocked;
      let worst = 0;
      for (let p = 0; p < n; p++) {
        for (let q = 0; q < n; q++) {
          let sum = 0;
          for (let k = 0; k < n; k++) {
            let tq = d[k]! * v[k * n + q]!;
            if (k > 0) tq += e[k]! * v[(k - 1) * n + q]!;
            if (k + 1 < n) tq += e[k + 1]! * v[(k + 1) * n + q]!;
            sum += v[k * n + p]! * tq;
          }
          worst = Math.max(worst, Math.abs(sum - a[p * n + q]!));
        }
      }
      expect(worst).toBeLessThan(1e-12 * n * 10);
    });
  }

  it('rank-deficient Gram matrices (zero columns in the reduction) stay bit-identical', () => {
    const n = 37;
    const w = withSpectrum(50, n, [3, 2, 1, 1e-9], 7).data;
    const g = new Float64Array(n * n);
    for (let p = 0; p < n; p++)
      for (let q = 0; q < n; q++) for (let r = 0; r < 50; r++) g[p * n + q]! += w[r * n + p]! * w[r * n + q]!;
    const zeroBlock = new Float64Array(n * n);
    for (let p = 0; p < 3; p++) zeroBlock[p * n + p] = p + 1;
    for (const a of [g, zeroBlock]) {
      const { blocked, plain } = reduceBoth(a, n);
      expect(blocked.d).toEqual(plain.d);
      expect(blocked.e).toEqual(plain.e);
      expect(blocked.v).toEqual(plain.v);
    }
  });
});
