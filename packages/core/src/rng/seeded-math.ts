import type { Rng } from './rng.js';

/**
 * Runs `fn` with `Math.random` replaced by `rng`. tfjs initialisers, dropout
 * and random ops without an explicit seed draw their seeds from
 * `Math.random`; routing it through the run's generator makes them
 * reproducible. When `fn` returns a promise the swap lasts until it settles;
 * the swap is process-global, so nothing else may draw meanwhile (true
 * inside the trainer).
 */
export function withSeededMathRandom<T>(rng: Rng, fn: () => T): T {
  const original = Math.random;
  Math.random = () => rng.next();
  let out: T;
  try {
    out = fn();
  } catch (e) {
    Math.random = original;
    throw e;
  }
  if (out && typeof (out as { then?: unknown }).then === 'function') {
    return (out as unknown as Promise<unknown>).finally(() => {
      Math.random = original;
    }) as T;
  }
  Math.random = original;
  return out;
}

/** @deprecated Use `withSeededMathRandom`, which now also takes an async `fn`; removed in the next minor. */
export const seededCall: <T>(rng: Rng, fn: () => T | Promise<T>) => T | Promise<T> = withSeededMathRandom;
