/**
 * Applies a patch to plain config data (JSON merge patch, RFC 7386): mappings
 * merge key by key, anything else (lists, scalars) replaces, `null` deletes.
 * Keys that would reach an object's prototype are refused.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isMapping(patch)) return patch;
  const out: Record<string, unknown> = Object.create(null);
  if (isMapping(target)) for (const [k, v] of Object.entries(target)) out[k] = v;
  for (const [k, v] of Object.entries(patch)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') {
      throw new Error(`refusing the key "${k}" in a patch`);
    }
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function isMapping(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
