/**
 * Spectral entropy H = −Σ pᵢ log pᵢ with pᵢ = σᵢ / Σσⱼ (natural log; zero σ
 * contribute nothing). 0 for the zero matrix.
 */
export function spectralEntropy(singularValues: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < singularValues.length; i++) total += Math.abs(singularValues[i]!);
  if (!(total > 0)) return 0;
  let h = 0;
  for (let i = 0; i < singularValues.length; i++) {
    const p = Math.abs(singularValues[i]!) / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

/** Effective rank (Roy & Vetterli) exp(H): between 1 and the rank. */
export function effectiveRank(singularValues: ArrayLike<number>): number {
  return Math.exp(spectralEntropy(singularValues));
}
