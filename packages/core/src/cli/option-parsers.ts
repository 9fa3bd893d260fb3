import { CliUsageError } from './exit-codes.js';

/** A commander parser for a positive integer option (`--workers 4`); bad values exit 2 naming the flag. */
export function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new CliUsageError(`${flag} must be a positive integer, got "${value}"`);
    return n;
  };
}

/** A commander parser for a positive number option (`--lock-seconds 0.5`); bad values exit 2 naming the flag. */
export function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new CliUsageError(`${flag} must be a positive number, got "${value}"`);
    return n;
  };
}
