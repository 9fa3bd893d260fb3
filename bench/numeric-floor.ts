/**
 * The time a training step spends inside BLAS/LAPACK calls (sgemm of the
 * matrix products, the penalty's dsyrk/dsyevd/dgemm): work done on each run's
 * own matrices, which batching K runs cannot share. Its share of a step alone
 * is the lowest batched/alone ratio any batching could reach.
 */
import { type LinalgSelection, selectLinalg } from '@rankbias/core';
import { loadLapack } from '../packages/linalg-lapack/src/index.js';

/** A stopwatch around every engine call, running only while `on`. */
export interface NumericClock {
  on: boolean;
  /** Milliseconds inside engine calls while on. */
  ms: number;
  /** Engine calls while on. */
  calls: number;
}

/** Every function of `engine`, timed by `clock` (wall clock: BLAS runs on this thread, one BLAS thread). */
function timed<T extends object>(engine: T, clock: NumericClock): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(engine)) {
    if (typeof value !== 'function') {
      out[key] = value;
      continue;
    }
    const f = value as (...args: unknown[]) => unknown;
    out[key] = (...args: unknown[]) => {
      if (!clock.on) return f(...args);
      const start = performance.now();
      try {
        return f(...args);
      } finally {
        clock.ms += performance.now() - start;
        clock.calls += 1;
      }
    };
  }
  return out as T;
}

/**
 * `selectLinalg('lapack')` with the engine's calls timed by the returned clock
 * (off until the caller turns it on). Throws where no LAPACK library loads.
 */
export async function selectTimedLapack(): Promise<{ linalg: LinalgSelection; clock: NumericClock }> {
  const clock: NumericClock = { on: false, ms: 0, calls: 0 };
  const engine = timed(loadLapack(), clock);
  const linalg = await selectLinalg('lapack', async () => ({ loadLapack: () => engine }));
  return { linalg, clock };
}
