import { EtaClock, formatEta, formatDuration } from '@rankbias/core';

/** `162.6 MiB`, `940 KiB`, `512 B` */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * A download's progress as log lines, at most one per `everyMs`:
 * `cifar10: 45.2 MiB of 162.6 MiB (28%) ETA 1m05s` (without a Content-Length,
 * just the bytes so far), then `cifar10: downloaded 162.6 MiB in 35s` at the end.
 */
export function byteProgress(
  label: string,
  log: (line: string) => void,
  options: { everyMs?: number; now?: () => number } = {},
): { onBytes: (received: number, total: number | undefined) => void; done: (received: number) => void } {
  const now = options.now ?? Date.now;
  const everyMs = options.everyMs ?? 2000;
  const started = now();
  const eta = new EtaClock(now);
  let lastLine = started;
  return {
    onBytes(received, total) {
      const left = total ? eta.secondsLeft(received, total) : undefined;
      if (now() - lastLine < everyMs) return;
      lastLine = now();
      const of = total ? ` of ${formatBytes(total)} (${Math.floor((100 * received) / total)}%)` : '';
      log(`${label}: ${formatBytes(received)}${of}${left === undefined ? '' : ` ${formatEta(left)}`}`);
    },
    done(received) {
      log(`${label}: downloaded ${formatBytes(received)} in ${formatDuration((now() - started) / 1000)}`);
    },
  };
}
