/**
 * The two small observations of docs/science.md#1-linear-over-parameterization, in float64 JS (small
 * matrices; exact gradients of deep linear nets written out by hand):
 *  1. spectral entropy / effective rank at initialisation against depth, for
 *     random linear chains (of W_e) and random ReLU nets (of f(X));
 *  2. deep linear regression on low-rank vs full-rank targets against depth.
 */
import {
  createRng,
  denseMatrix as matrix,
  effectiveRank,
  multiply,
  singularValues,
  spectralEntropy,
  transpose,
  type DenseMatrix as Matrix,
  type Rng,
} from '@rankbias/core';

function gaussian(rows: number, cols: number, std: number, rng: Rng): Matrix {
  return matrix(
    rows,
    cols,
    Float64Array.from({ length: rows * cols }, () => rng.normal() * std),
  );
}

function identity(n: number): Matrix {
  const m = matrix(n, n, new Float64Array(n * n));
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

function product(ms: readonly Matrix[], n: number): Matrix {
  return ms.reduce((acc, m) => multiply(acc, m), identity(n));
}

function relu(m: Matrix): Matrix {
  return matrix(
    m.rows,
    m.cols,
    m.data.map((v) => Math.max(v, 0)),
  );
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function std(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(xs.length - 1, 1));
}

export interface InitRankRow {
  depth: number;
  kind: 'linear W_e' | 'linear f(X)' | 'ReLU f(X)';
  entropy: number;
  entropyStd: number;
  erank: number;
}

/** Spectral entropy H and erank = exp(H) at init vs depth (width `width`, `draws` nets per point). */
export function initRankVsDepth(depths: readonly number[], width = 32, samples = 128, draws = 5): InitRankRow[] {
  const rows: InitRankRow[] = [];
  for (const depth of depths) {
    const acc: Record<InitRankRow['kind'], number[]> = { 'linear W_e': [], 'linear f(X)': [], 'ReLU f(X)': [] };
    for (let d = 0; d < draws; d++) {
      const rng = createRng(`init-${depth}-${d}`);
      const x = gaussian(samples, width, 1, rng);
      // reference init: He-normal, fan-in, linear gain (1) for the linear chain, ReLU gain sqrt(2) for the ReLU net
      const linear = Array.from({ length: depth }, () => gaussian(width, width, 1 / Math.sqrt(width), rng));
      const we = product(linear, width);
      acc['linear W_e'].push(spectralEntropy(singularValues(we)));
      acc['linear f(X)'].push(spectralEntropy(singularValues(multiply(x, we))));
      let h = x;
      for (let l = 0; l < depth; l++) {
        h = multiply(h, gaussian(width, width, Math.SQRT2 / Math.sqrt(width), rng));
        if (l < depth - 1) h = relu(h);
      }
      acc['ReLU f(X)'].push(spectralEntropy(singularValues(h)));
    }
    for (const kind of Object.keys(acc) as InitRankRow['kind'][]) {
      const hs = acc[kind];
      rows.push({ depth, kind, entropy: mean(hs), entropyStd: std(hs), erank: mean(hs.map(Math.exp)) });
    }
  }
  return rows;
}

export interface RegressionRow {
  target: 'low-rank (r=2)' | 'full-rank';
  depth: number;
  testError: number;
  testErrorStd: number;
  entropy: number;
  erank: number;
  trainLoss: number;
  /** Init scale of the run (set by the caller that collects several). */
  initScale?: number;
}

function frob(m: Matrix): number {
  return Math.sqrt(m.data.reduce((a, v) => a + v * v, 0));
}

function sub(a: Matrix, b: Matrix): Matrix {
  return matrix(
    a.rows,
    a.cols,
    a.data.map((v, i) => v - b.data[i]!),
  );
}

/**
 * Deep linear regression y = x W* (d × d) from n < d examples, full-batch GD
 * on (1/2n)‖X W_1⋯W_L − Y‖² from a small init (‖W_e‖ ≈ initScale·‖I‖). Test error is
 * ‖W_e − W*‖_F / ‖W*‖_F (the relative test error on isotropic inputs).
 */
export function regressionVsDepth(
  depths: readonly number[],
  seeds: number,
  { d = 16, n = 32, noise = 0.15, steps = 3000, lr = 0.02, initScale = 0.01 } = {},
): RegressionRow[] {
  const rows: RegressionRow[] = [];
  for (const target of ['low-rank (r=2)', 'full-rank'] as const) {
    for (const depth of depths) {
      const errs: number[] = [];
      const hs: number[] = [];
      const losses: number[] = [];
      for (let s = 0; s < seeds; s++) {
        const rng = createRng(`regression-${target}-${s}`);
        const r = target === 'full-rank' ? d : 2;
        let wStar = multiply(gaussian(d, r, 1, rng), gaussian(r, d, 1, rng));
        const scale = 2 / frob(wStar); // ‖W*‖_F = 2 for both targets
        wStar = matrix(
          d,
          d,
          wStar.data.map((v) => v * scale),
        );
        const x = gaussian(n, d, 1, rng);
        const clean = multiply(x, wStar);
        const y = matrix(
          n,
          d,
          clean.data.map((v) => v + noise * rng.normal()),
        );
        const netRng = createRng(`regression-net-${depth}-${s}`);
        // factors N(0, (s^(1/L)/sqrt d)²): the end-to-end product starts at scale s at every depth
        const ws = Array.from({ length: depth }, () => gaussian(d, d, initScale ** (1 / depth) / Math.sqrt(d), netRng));
        const xt = transpose(x);
        let loss = Infinity;
        for (let t = 0; t < steps; t++) {
          const prefixes = [identity(d)];
          for (const w of ws) prefixes.push(multiply(prefixes[prefixes.length - 1]!, w));
          const we = prefixes[depth]!;
          const resid = sub(multiply(x, we), y);
          loss = frob(resid) ** 2 / (2 * n);
          if (!Number.isFinite(loss))
            throw new Error(`regression: GD diverged (depth ${depth}, lr ${lr}); lower --reg-lr`);
          const g = matrix(
            d,
            d,
            multiply(xt, resid).data.map((v) => v / n),
          );
          let suffix = identity(d);
          for (let i = depth - 1; i >= 0; i--) {
            const grad = multiply(multiply(transpose(prefixes[i]!), g), transpose(suffix));
            suffix = multiply(ws[i]!, suffix);
            ws[i] = matrix(
              d,
              d,
              ws[i]!.data.map((v, k) => v - lr * grad.data[k]!),
            );
          }
        }
        const we = product(ws, d);
        errs.push(frob(sub(we, wStar)) / frob(wStar));
        hs.push(spectralEntropy(singularValues(we)));
        losses.push(loss);
      }
      rows.push({
        target,
        depth,
        testError: mean(errs),
        testErrorStd: std(errs),
        entropy: mean(hs),
        erank: mean(hs.map(Math.exp)),
        trainLoss: mean(losses),
      });
    }
  }
  return rows;
}

export { effectiveRank };
