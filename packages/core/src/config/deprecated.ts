const warned = new Set<string>();

/** Warns once per process that a config key is deprecated (it keeps working until the next minor). */
export function warnDeprecatedOnce(what: string, replacement: string): void {
  if (warned.has(what)) return;
  warned.add(what);
  console.warn(`rankbias: ${what} is deprecated and will be removed in the next minor; use ${replacement}`);
}
