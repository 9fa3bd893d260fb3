import type { Rng } from '../rng/rng.js';

/**
 * Calls `fn` with `Math.random` drawing from `rng` (tfjs initialisers,
 * dropout and unseeded random ops read it), like `withSeededMathRandom`,
 * but also for a factory that returns a promise: the swap then lasts until
 * the promise settles. Only safe while nothing else runs concurrently,
 * which holds inside the trainer.
 */
export function seededCall<T>(rng: Rng, fn: () => T | Promise<T>): T | Promise<T> {
  const original = Math.random;
  Math.random = () => rng.next();
  let out: T | Promise<T>;
  try {
    out = fn();
  } catch (e) {
    Math.random = original;
    throw e;
  }
  if (out && typeof (out as { then?: unknown }).then === 'function') {
    return (out as Promise<T>).finally(() => {
      Math.random = original;
    });
  }
  Math.random = original;
  return out;
}
