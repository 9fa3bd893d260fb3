import { createHash } from 'node:crypto';
import { canonicalJson } from '@rankbias/core';

/** @deprecated import `canonicalJson` from `@rankbias/core` (same function; kept for one minor). */
export { canonicalJson };

/** A short stable hash (sha256 of the canonical JSON, 12 hex digits). */
export function stableHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 12);
}
