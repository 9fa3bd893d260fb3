import type { Rng } from '@rankbias/core';

/** `count` independent N(0, std²) draws. */
export function normalArray(rng: Rng, count: number, std = 1): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal() * std;
  return out;
}

/** A uniformly random direction in R^d scaled to norm `norm`. */
export function randomDirection(rng: Rng, d: number, norm = 1): Float32Array {
  const v = normalArray(rng, d);
  let sq = 0;
  for (let i = 0; i < d; i++) sq += v[i]! * v[i]!;
  const scale = norm / Math.sqrt(sq);
  for (let i = 0; i < d; i++) v[i]! *= scale;
  return v;
}
