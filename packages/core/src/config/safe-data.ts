import { ConfigError } from './errors.js';
import { CONFIG_LIMITS, FORBIDDEN_KEYS, forbiddenKeyMessage } from './limits.js';

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function isPlainMapping(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
}

/**
 * Copies parsed config data (YAML/JSON values, override values) into plain
 * data whose mappings have a null prototype. Refuses prototype keys at any
 * depth, nesting deeper than `CONFIG_LIMITS.maxDepth` (counting `depth`
 * levels already above `value`), lists longer than
 * `CONFIG_LIMITS.maxListLength` and anything that is not plain data; each
 * refusal is a one-line `ConfigError` naming the path.
 */
export function toConfigData(value: unknown, path = '', depth = 0): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
      throw new ConfigError([{ path, message: `a ${typeof value} is not config data` }]);
    }
    return value;
  }
  if (depth >= CONFIG_LIMITS.maxDepth) {
    throw new ConfigError([
      { path, message: `nested more than ${CONFIG_LIMITS.maxDepth} levels deep, over the limit` },
    ]);
  }
  if (Array.isArray(value)) {
    if (value.length > CONFIG_LIMITS.maxListLength) {
      throw new ConfigError([
        { path, message: `list of ${value.length} items exceeds the limit of ${CONFIG_LIMITS.maxListLength}` },
      ]);
    }
    return Array.from(value, (item, i) => toConfigData(item, childPath(path, i), depth + 1));
  }
  if (!isPlainMapping(value)) {
    const what = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new ConfigError([
      { path, message: `a ${what} is not config data (only mappings, lists, strings, numbers, booleans, null)` },
    ]);
  }
  const out = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key))
      throw new ConfigError([{ path: childPath(path, key), message: forbiddenKeyMessage(key) }]);
    out[key] = toConfigData((value as Record<string, unknown>)[key], childPath(path, key), depth + 1);
  }
  return out;
}
