/** Ctrl-C handling for a training run. */
export interface InterruptHandler {
  /** Aborts on the first SIGINT; `trainRunInDir` then stops after the step in progress. */
  readonly signal: AbortSignal;
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
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort('SIGINT');
    say('rankbias: interrupted: finishing the current step and writing a checkpoint (Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    interrupted: () => controller.signal.aborted,
    dispose: () => {
      process.off('SIGINT', onSigint);
    },
  };
}
