import type { Callback, TrainContext } from '../contracts/callback.js';
import { INTERRUPTED_STOP_REASON } from '../run-dir/run-state.js';

/**
 * A callback that ends training after the step in progress once `signal`
 * aborts (the trainer then checkpoints; the run directory stays resumable).
 * The stop reason is `interrupted (<what>)`, `what` being the abort reason
 * when it is a string.
 */
export function stopOnAbort(signal: AbortSignal): Callback {
  let lastYield = performance.now();
  return {
    async onStepEnd(ctx: TrainContext) {
      // The training loop only awaits resolved promises, which never lets signal or
      // IPC events through; give the event loop a turn every 50 ms.
      if (performance.now() - lastYield > 50) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      if (signal.aborted) {
        const what = typeof signal.reason === 'string' ? signal.reason : 'aborted';
        ctx.requestStop(`${INTERRUPTED_STOP_REASON} (${what})`);
      }
    },
  };
}
