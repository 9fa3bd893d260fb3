import { parse as parseYaml } from 'yaml';
import { ConfigError } from './errors.js';

/** Splits `a.b[0].c` into `['a', 'b', 0, 'c']`. */
export function parseKeyPath(key: string): (string | number)[] {
  const segment = String.raw`[^.[\]=]+(?:\[\d+\])*`;
  if (!new RegExp(`^${segment}(?:\\.${segment})*$`).test(key)) {
    throw new ConfigError([{ path: key, message: 'not a valid key path (expected e.g. train.steps or penalties[0].weight)' }]);
  }
  const parts: (string | number)[] = [];
  for (const m of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return parts;
}

/**
 * Applies `key=value` overrides to a copy of `config`. Values are parsed as
 * YAML scalars/flow collections, so `3`, `true`, `[1, 2]` and `{a: 1}` work.
 */
export function applyOverrides(config: Record<string, unknown>, overrides: readonly string[]): Record<string, unknown> {
  const out = structuredClone(config);
  for (const item of overrides) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new ConfigError([{ path: item, message: 'an override must look like key=value (e.g. train.steps=500)' }]);
    }
    const path = parseKeyPath(item.slice(0, eq));
    const raw = item.slice(eq + 1);
    let value: unknown;
    try {
      value = raw === '' ? '' : parseYaml(raw);
    } catch {
      value = raw;
    }
    setPath(out, path, value, item.slice(0, eq));
  }
  return out;
}

/**
 * Sets `value` at a key path in `config` (in place), creating objects and
 * arrays on the way: `path` is a string such as `penalties[0].weight` (parsed
 * with `parseKeyPath`) or already-parsed segments. Throws a `ConfigError`
 * naming the path when a segment on the way is a scalar.
 */
export function setConfigPath(config: Record<string, unknown>, path: string | readonly (string | number)[], value: unknown): void {
  const segments = typeof path === 'string' ? parseKeyPath(path) : path;
  const key = typeof path === 'string' ? path : segments.join('.');
  setPath(config, segments, value, key);
}

function setPath(target: Record<string, unknown>, path: readonly (string | number)[], value: unknown, key: string): void {
  let node: any = target;
  for (let i = 0; i < path.length - 1; i++) {
    const p = path[i]!;
    if (node[p] === undefined || node[p] === null) node[p] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[p];
    if (typeof node !== 'object') {
      throw new ConfigError([{ path: key, message: `cannot set a key inside ${JSON.stringify(node)}` }]);
    }
  }
  node[path[path.length - 1]!] = value;
}
