import type { Callback } from '../contracts/callback.js';

/**
 * A callback whose state must survive a resume (counters, best values). The
 * trainer stores `getState()` in each checkpoint and hands it back with
 * `setState` when it resumes, before `onTrainStart`.
 */
export interface StatefulCallback extends Callback {
  /** JSON-serialisable state. */
  getState(): unknown;
  setState(state: unknown): void;
}

export function isStatefulCallback(cb: Callback): cb is StatefulCallback {
  const c = cb as Partial<StatefulCallback>;
  return typeof c.getState === 'function' && typeof c.setState === 'function';
}
