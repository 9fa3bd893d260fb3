import picomatch from 'picomatch';

const compiled = new Map<string, (name: string) => boolean>();

/**
 * Matches `name` against a glob (picomatch): `*` any run of characters (also
 * across `/`, so `hidden_*` matches `hidden_1/kernel`), `?` one character,
 * braces `{a,b}/kernel` and classes `hidden_[01]/kernel`.
 */
export function globMatch(pattern: string, name: string): boolean {
  let match = compiled.get(pattern);
  if (!match) {
    match = picomatch(pattern, { bash: true, dot: true });
    compiled.set(pattern, match);
  }
  return match(name);
}

/** True when `name` matches any of `patterns`. */
export function matchesAny(patterns: readonly string[], name: string): boolean {
  return patterns.some((p) => globMatch(p, name));
}
