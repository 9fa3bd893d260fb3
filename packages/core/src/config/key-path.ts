import { ConfigError } from './errors.js';
import { CONFIG_LIMITS, FORBIDDEN_KEYS, forbiddenKeyMessage } from './limits.js';
import { toConfigData } from './safe-data.js';

/** A parsed key path: mapping keys and list indices, e.g. `['penalties', 0, 'weight']`. */
export type KeyPath = readonly (string | number)[];

const SEGMENT = String.raw`[^.[\]=]+(?:\[\d+\])*`;
const KEY_PATH = new RegExp(`^${SEGMENT}(?:\\.${SEGMENT})*$`);

/**
 * Splits `a.b[0].c` into `['a', 'b', 0, 'c']`. Refuses prototype keys
 * (`__proto__`, `constructor`, `prototype`), indices above
 * `CONFIG_LIMITS.maxIndex` and paths deeper than `CONFIG_LIMITS.maxDepth`.
 */
export function parseKeyPath(key: string): (string | number)[] {
  if (!KEY_PATH.test(key)) {
    throw new ConfigError([
      { path: key, message: 'not a valid key path (expected e.g. train.steps or penalties[0].weight)' },
    ]);
  }
  const parts: (string | number)[] = [];
  for (const m of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) checkIndex(m[2], key);
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  }
  checkSegments(parts, key);
  return parts;
}

function checkIndex(digits: string, key: string): void {
  if (digits.length > 6 || Number(digits) > CONFIG_LIMITS.maxIndex) {
    throw new ConfigError([{ path: key, message: `index ${digits} exceeds the limit of ${CONFIG_LIMITS.maxIndex}` }]);
  }
}

function checkSegments(segments: KeyPath, key: string): void {
  if (segments.length === 0) throw new ConfigError([{ path: key, message: 'empty key path' }]);
  if (segments.length > CONFIG_LIMITS.maxDepth) {
    throw new ConfigError([
      { path: key, message: `key path is ${segments.length} levels deep, over the limit of ${CONFIG_LIMITS.maxDepth}` },
    ]);
  }
  for (const s of segments) {
    if (typeof s === 'number') checkIndex(String(s), key);
    else if (FORBIDDEN_KEYS.has(s)) throw new ConfigError([{ path: key, message: forbiddenKeyMessage(s) }]);
  }
}

function ownValue(node: object, key: string | number): unknown {
  return Object.hasOwn(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;
}

function checkContainer(node: object, segment: string | number, key: string, at: string): void {
  if (Array.isArray(node) && typeof segment === 'string') {
    throw new ConfigError([
      { path: key, message: `${at || 'the config'} is a list: index it with [n], not .${segment}` },
    ]);
  }
  if (!Array.isArray(node) && typeof segment === 'number') {
    throw new ConfigError([
      { path: key, message: `${at || 'the config'} is a mapping, not a list: [${segment}] cannot index it` },
    ]);
  }
}

/**
 * The one safe key-path setter: sets `value` at `path` in `config` (in
 * place), creating null-prototype mappings and lists on the way. `path` is a
 * string such as `penalties[0].weight` or already-parsed segments; both are
 * checked as `parseKeyPath` checks them. The value is copied into plain
 * config data (the same limits as a config file). Throws a one-line
 * `ConfigError` naming the path when a segment is refused or a scalar is in
 * the way.
 */
export function setConfigPath(config: Record<string, unknown>, path: string | KeyPath, value: unknown): void {
  const segments = typeof path === 'string' ? parseKeyPath(path) : path;
  const key = typeof path === 'string' ? path : formatKeyPath(segments);
  if (typeof path !== 'string') checkSegments(segments, key);
  const copy = toConfigData(value, key, segments.length);
  let node: object = config;
  let at = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    checkContainer(node, segment, key, at);
    at = typeof segment === 'number' ? `${at}[${segment}]` : at ? `${at}.${segment}` : segment;
    if (i === segments.length - 1) {
      (node as Record<string | number, unknown>)[segment] = copy;
      return;
    }
    let next = ownValue(node, segment);
    if (next === undefined || next === null) {
      next = typeof segments[i + 1] === 'number' ? [] : Object.create(null);
      (node as Record<string | number, unknown>)[segment] = next;
    }
    if (typeof next !== 'object') {
      throw new ConfigError([{ path: key, message: `cannot set a key inside ${JSON.stringify(next)} (at ${at})` }]);
    }
    node = next as object;
  }
}

/** `['a', 0, 'b']` → `a[0].b`. */
function formatKeyPath(segments: KeyPath): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i ? `.${String(s)}` : String(s))).join('');
}
