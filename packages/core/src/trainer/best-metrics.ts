/** True for keys where smaller is better (`…loss…`, `…error…`). */
export function lowerIsBetter(key: string): boolean {
  return /loss|error/i.test(key);
}

/** Best value of each metric so far: min for losses/errors, max otherwise; non-finite values never win. */
export function updateBest(best: Record<string, number>, metrics: Readonly<Record<string, number>>): Record<string, number> {
  const out = { ...best };
  for (const [k, v] of Object.entries(metrics)) {
    if (!Number.isFinite(v)) continue;
    const prev = out[k];
    if (prev === undefined || (lowerIsBetter(k) ? v < prev : v > prev)) out[k] = v;
  }
  return out;
}
