/** True for a mapping (not a list, not null). */
function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Merges config data `over` onto `base` into a new null-prototype mapping:
 * mappings merge key by key, recursively; lists and scalars in `over`
 * replace those in `base`. Both inputs come from `toConfigData`, so neither
 * holds a prototype key; only own keys are copied.
 */
export function mergeConfigData(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(base)) out[key] = base[key];
  for (const key of Object.keys(over)) {
    const a = out[key];
    const b = over[key];
    out[key] = isMapping(a) && isMapping(b) ? mergeConfigData(a, b) : b;
  }
  return out;
}
