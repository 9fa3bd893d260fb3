import { tryReadRunResult, wasInterrupted } from '@rankbias/core';

/** True when the run directory holds a result that ends the run (not one of an interrupted attempt). */
export function hasFinalResult(dir: string): boolean {
  const result = tryReadRunResult(dir);
  return result !== undefined && !wasInterrupted(result);
}
