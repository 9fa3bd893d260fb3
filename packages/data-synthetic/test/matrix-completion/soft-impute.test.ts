import { Matrix, SVD } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRng } from '@rankbias/core';
import { generateMatrixCompletion, relativeError } from '../../src/matrix-completion/problem.js';
import { shrinkSingularValues, softImpute } from '../../src/matrix-completion/soft-impute.js';

describe('shrinkSingularValues (prox of λ‖·‖_*)', () => {
  it('equals U diag(max(σ−λ,0)) Vᵀ computed with ml-matrix', () => {
    const rng = createRng(3);
    const rows = 9;
    const cols = 6;
    const a = Array.from({ length: rows * cols }, () => rng.normal());
    const m = new Matrix(Array.from({ length: rows }, (_, i) => a.slice(i * cols, (i + 1) * cols)));
    const svd = new SVD(m);
    const lambda = svd.diagonal[2]!; // keeps exactly two components
    const d = Matrix.diag(svd.diagonal.map((s) => Math.max(s - lambda, 0)));
    const want = svd.leftSingularVectors.mmul(d).mmul(svd.rightSingularVectors.transpose()).to1DArray();
    const got = shrinkSingularValues(a, rows, cols, lambda);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 10));
  });
});

describe('softImpute', () => {
  it('recovers a low-rank matrix from enough observed entries (nuclear-norm baseline)', () => {
    const p = generateMatrixCompletion({ size: 30, rank: 2, observed: 450, seed: 11 });
    const { completed } = softImpute(p.truth, p.observed, 30, 30);
    expect(relativeError(completed, p.truth, p.unobserved)).toBeLessThan(0.02);
    expect(relativeError(completed, p.truth, p.observed)).toBeLessThan(0.01);
  });

  it('with a large λ returns a shrunk (lower-norm) solution: the λ path matters', () => {
    const p = generateMatrixCompletion({ size: 20, rank: 2, observed: 200, seed: 12 });
    const loose = softImpute(p.truth, p.observed, 20, 20, { lambdaMinRatio: 0.3, pathLength: 1 });
    const tight = softImpute(p.truth, p.observed, 20, 20);
    const err = (z: Float64Array) => relativeError(z, p.truth, p.observed);
    expect(err(loose.completed)).toBeGreaterThan(0.1);
    expect(err(tight.completed)).toBeLessThan(err(loose.completed) / 10);
  });
});
