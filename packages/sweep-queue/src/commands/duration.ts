import { CliUsageError } from '@rankbias/core';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `12h`, `7d`, `0s` → milliseconds; anything else exits 2 naming the accepted form. */
export function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  if (!m) throw new CliUsageError(`--older-than must be a number with a unit s, m, h or d (e.g. 12h), got "${value}"`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
