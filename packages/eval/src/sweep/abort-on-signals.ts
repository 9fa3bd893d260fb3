import { EXIT } from '@rankbias/core';

/**
 * Ctrl-C and SIGTERM for a sweep: the first one aborts the returned signal
 * (runs stop with a checkpoint); a second one exits at once with 130.
 */
export function abortOnSignals(say: (line: string) => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    say(
      `rankbias compare: ${signal}: stopping the runs in progress (they keep a checkpoint; ${signal} again to quit at once)…`,
    );
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
