import { formatDuration } from './format.js';

/**
 * Estimates the time left from the average rate since the first observation
 * (not the start of the process: a resumed run starts mid-way).
 */
export class EtaClock {
  private first?: { done: number; at: number };

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds left after `done` of `total` units, or undefined while it cannot be known yet. */
  secondsLeft(done: number, total: number): number | undefined {
    const at = this.now();
    if (!this.first) {
      this.first = { done, at };
      return undefined;
    }
    const units = done - this.first.done;
    if (units <= 0 || at <= this.first.at) return undefined;
    const seconds = ((at - this.first.at) / 1000 / units) * Math.max(0, total - done);
    return Number.isFinite(seconds) ? seconds : undefined;
  }
}

/** `ETA 3m05s`, or an empty string while the time left is unknown (never `?`, `NaN` or `Infinity`). */
export function formatEta(seconds: number | undefined): string {
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? `ETA ${formatDuration(seconds)}` : '';
}
