/** Compact number for one-line displays: 4 significant digits, exponent form when tiny or huge. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : v.toPrecision(4);
}

/** `loss=0.1234 loss/data=0.1200` */
export function formatValues(values: Readonly<Record<string, number>>, limit = 6): string {
  const entries = Object.entries(values);
  const shown = entries.slice(0, limit).map(([k, v]) => `${k}=${formatNumber(v)}`);
  if (entries.length > limit) shown.push(`(+${entries.length - limit} more)`);
  return shown.join(' ');
}

/** `1h02m`, `3m05s`, `12s` */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m) return `${m}m${String(r).padStart(2, '0')}s`;
  return `${r}s`;
}
