/** Paths (`train.steps`, `penalties[0].weight`) where two plain JSON values differ. */
export function configDifferences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (Object.is(a, b)) return out;
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(path || '(root)');
    else a.forEach((v, i) => configDifferences(v, b[i], `${path}[${i}]`, out));
    return out;
  }
  if (isObj(a) && isObj(b) && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) configDifferences(a[k], b[k], path ? `${path}.${k}` : k, out);
    return out;
  }
  out.push(path || '(root)');
  return out;
}
