import type { Callback, TrainContext } from '../contracts/callback.js';

/** Ctrl-C handling for a training run. */
export interface InterruptHandler {
  /** A callback that asks the trainer to stop after the step in progress. */
  readonly callback: Callback;
  /** True once SIGINT arrived. */
  interrupted(): boolean;
  /** Removes the signal handler. */
  dispose(): void;
}

/**
 * First Ctrl-C: finish the current step, let the trainer checkpoint and stop
 * (the CLI then exits 130). Second Ctrl-C: exit 130 at once.
 */
export function installInterruptHandler(say: (line: string) => void): InterruptHandler {
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    say('rankbias: interrupted: finishing the current step and writing a checkpoint (Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', onSigint);
  let lastYield = performance.now();
  const callback: Callback = {
    async onStepEnd(ctx: TrainContext) {
      // The training loop only awaits resolved promises, which never lets the
      // signal event through; give the event loop a turn every 50 ms.
      if (performance.now() - lastYield > 50) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
      if (interrupted) ctx.requestStop('interrupted (SIGINT)');
    },
  };
  return {
    callback,
    interrupted: () => interrupted,
    dispose: () => {
      process.off('SIGINT', onSigint);
    },
  };
}
