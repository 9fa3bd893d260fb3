const WATCHED: readonly object[] = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
];

/** Own property names and values of the built-in prototypes that pollution targets. */
function snapshot(): Map<object, Map<string, unknown>> {
  return new Map(
    WATCHED.map((proto) => [
      proto,
      new Map(Reflect.ownKeys(proto).map((k) => [String(k), Object.getOwnPropertyDescriptor(proto, k)?.value])),
    ]),
  );
}

/**
 * Records the built-in prototypes now; `changes()` later lists every
 * property added, removed or replaced since (empty when nothing was
 * polluted). For fuzz tests of anything that parses user input.
 */
export function watchPrototypes(): { changes(): string[] } {
  const before = snapshot();
  return {
    changes() {
      const out: string[] = [];
      for (const [proto, after] of snapshot()) {
        const was = before.get(proto)!;
        const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? '?';
        for (const [k, v] of after) if (!was.has(k) || was.get(k) !== v) out.push(`${name}.prototype.${k}`);
        for (const k of was.keys()) if (!after.has(k)) out.push(`${name}.prototype.${k} (removed)`);
      }
      return out;
    },
  };
}
