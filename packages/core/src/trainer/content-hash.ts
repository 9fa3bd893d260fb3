import { createHash } from 'node:crypto';

/** Hex sha256 of bytes or text. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level, so equal data hashes equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
  return out;
}

/** Hex sha256 of a plain config (as `toPlainConfig` gives), independent of key order. */
export function configHash(plainConfig: Record<string, unknown>): string {
  return sha256(JSON.stringify(canonical(JSON.parse(JSON.stringify(plainConfig)))));
}
