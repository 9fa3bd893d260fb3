import { CliUsageError } from '@rankbias/core';

/** The package every sweep-queue plugin names as its provider. */
export const SWEEP_QUEUE_PACKAGE = '@rankbias/sweep-queue';

/** A commander parser for a positive integer option. */
export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`${flag} must be a positive integer, got "${value}"`);
    return n;
  };
}

/** A commander parser for a positive number option. */
export function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new CliUsageError(`${flag} must be a positive number, got "${value}"`);
    return n;
  };
}

/** `--queue <url>` help text, shared by every command that talks to the queue. */
export const QUEUE_OPTION_HELP =
  'Redis URL: redis://[user:password@]host:port[/db] or rediss://… (default: $RANKBIAS_QUEUE)';
