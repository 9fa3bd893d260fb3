import type { Rng } from './rng.js';

/**
 * Runs `fn` with `Math.random` replaced by `rng`. tfjs initialisers, dropout
 * and random ops without an explicit seed draw their seeds from
 * `Math.random`; routing it through the run's generator makes them
 * reproducible. `fn` must be synchronous (the swap is process-global).
 */
export function withSeededMathRandom<T>(rng: Rng, fn: () => T): T {
  const original = Math.random;
  Math.random = () => rng.next();
  try {
    const out = fn();
    if (out && typeof (out as { then?: unknown }).then === 'function') {
      throw new TypeError('withSeededMathRandom: fn must be synchronous');
    }
    return out;
  } finally {
    Math.random = original;
  }
}
