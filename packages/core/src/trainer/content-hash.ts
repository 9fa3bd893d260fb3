import { createHash } from 'node:crypto';
import { canonicalJson } from '../io/canonical-json.js';

/** Hex sha256 of bytes or text. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hex sha256 of a plain config (as `toPlainConfig` gives), independent of key order. */
export function configHash(plainConfig: Record<string, unknown>): string {
  return sha256(canonicalJson(JSON.parse(JSON.stringify(plainConfig))));
}
