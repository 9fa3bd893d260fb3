/**
 * Scalar summaries of a singular spectrum σ₁ ≥ … ≥ σₖ ≥ 0 (see
 * docs/science.md#shared-definitions). All take the singular values, so one SVD serves
 * every measure. The zero matrix has entropy 0 and every rank measure 0.
 */

function sum(values: ArrayLike<number>, f: (v: number) => number = (v) => v): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += f(values[i]!);
  return s;
}

function checkSpectrum(sigma: ArrayLike<number>, fn: string): void {
  for (let i = 0; i < sigma.length; i++) {
    const v = sigma[i]!;
    if (!(v >= 0) || !Number.isFinite(v))
      throw new RangeError(`${fn}: singular values must be finite and >= 0, got ${v}`);
  }
}

/**
 * Spectral entropy H = −Σ pᵢ log pᵢ with pᵢ = σᵢ / Σσⱼ (natural log; zero σ
 * contribute nothing). Between 0 and log(rank).
 */
export function spectralEntropy(sigma: ArrayLike<number>): number {
  checkSpectrum(sigma, 'spectralEntropy');
  const total = sum(sigma);
  if (total === 0) return 0;
  let h = 0;
  for (let i = 0; i < sigma.length; i++) {
    const p = sigma[i]! / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.max(0, h);
}

/** Effective rank of Roy & Vetterli: exp(spectral entropy), between 1 and rank (0 for the zero matrix). */
export function effectiveRank(sigma: ArrayLike<number>): number {
  checkSpectrum(sigma, 'effectiveRank');
  return sum(sigma) === 0 ? 0 : Math.exp(spectralEntropy(sigma));
}

/** Stable rank ‖A‖²_F / ‖A‖²₂ = Σσᵢ² / σ₁². */
export function stableRank(sigma: ArrayLike<number>): number {
  checkSpectrum(sigma, 'stableRank');
  let max = 0;
  for (let i = 0; i < sigma.length; i++) max = Math.max(max, sigma[i]!);
  return max === 0 ? 0 : sum(sigma, (v) => (v / max) ** 2);
}

/** Nuclear/Frobenius ratio ‖A‖_* / ‖A‖_F = Σσᵢ / sqrt(Σσᵢ²); scale invariant, in [1, sqrt(rank)]. */
export function nuclearFrobeniusRatio(sigma: ArrayLike<number>): number {
  checkSpectrum(sigma, 'nuclearFrobeniusRatio');
  const fro = Math.sqrt(sum(sigma, (v) => v * v));
  return fro === 0 ? 0 : sum(sigma) / fro;
}

/** Options of `numericalRank`. */
export interface RankTolerance {
  /** Absolute threshold: count σ > atol. */
  readonly atol?: number;
  /** Relative threshold: count σ > rtol · σ₁. */
  readonly rtol?: number;
  /** Larger matrix dimension, for the default tolerance max(m, n) · ε · σ₁ (as numpy's matrix_rank). */
  readonly maxDim?: number;
}

/**
 * Number of singular values above a tolerance: `max(atol, rtol·σ₁)` when
 * either is given, else `max(m, n)·ε·σ₁` with ε the float32 machine epsilon
 * (weights are float32; pass `rtol` for a different precision).
 */
export function numericalRank(sigma: ArrayLike<number>, tol: RankTolerance = {}): number {
  checkSpectrum(sigma, 'numericalRank');
  let max = 0;
  for (let i = 0; i < sigma.length; i++) max = Math.max(max, sigma[i]!);
  const threshold =
    tol.atol !== undefined || tol.rtol !== undefined
      ? Math.max(tol.atol ?? 0, (tol.rtol ?? 0) * max)
      : (tol.maxDim ?? sigma.length) * 1.1920929e-7 * max;
  let r = 0;
  for (let i = 0; i < sigma.length; i++) if (sigma[i]! > threshold) r++;
  return r;
}

/** Every scalar spectral measure of one matrix. */
export interface SpectrumSummary {
  readonly entropy: number;
  readonly effectiveRank: number;
  readonly stableRank: number;
  readonly nuclearFrobenius: number;
  readonly numericalRank: number;
  readonly frobenius: number;
  readonly spectralNorm: number;
}

/** All measures of `spectrumSummary` from one spectrum. */
export function spectrumSummary(sigma: ArrayLike<number>, tol: RankTolerance = {}): SpectrumSummary {
  return {
    entropy: spectralEntropy(sigma),
    effectiveRank: effectiveRank(sigma),
    stableRank: stableRank(sigma),
    nuclearFrobenius: nuclearFrobeniusRatio(sigma),
    numericalRank: numericalRank(sigma, tol),
    frobenius: Math.sqrt(sum(sigma, (v) => v * v)),
    spectralNorm: sigma.length ? Math.max(...Array.from(sigma)) : 0,
  };
}
