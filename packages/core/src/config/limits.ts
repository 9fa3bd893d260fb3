/**
 * Bounds on config data, so that a tiny hostile input (a huge array index,
 * a deeply nested or very long YAML) is refused before it can exhaust the
 * stack or the heap. Real configs are a few kilobytes.
 */
export const CONFIG_LIMITS = {
  /** Largest config or sweep file read, in bytes. */
  maxFileBytes: 256 * 1024,
  /** Deepest nesting of mappings and lists. */
  maxDepth: 32,
  /** Longest list. */
  maxListLength: 10_000,
  /** Largest array index in a key path (`a[9999]`). */
  maxIndex: 9_999,
  /** Longest `extends` chain (base of a base of ...). */
  maxExtendsDepth: 16,
} as const;

/** Keys that would reach an object's prototype when written through. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The one-line reason a forbidden key is refused. */
export function forbiddenKeyMessage(key: string): string {
  return `"${key}" is not allowed as a key (it reaches the prototype of every object); rename it`;
}
