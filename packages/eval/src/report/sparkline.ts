/** Size of a run's sparkline in CSS pixels. */
const W = 120;
const H = 22;

/**
 * A tiny inline SVG polyline of one run's curve (no axes): enough to see at a
 * glance whether a run converged, diverged or stalled. Empty without points.
 */
export function runSparkline(points: readonly (readonly [number, number])[]): string {
  const pts = points.filter(([s, v]) => Number.isFinite(s) && Number.isFinite(v));
  if (pts.length < 2) return '';
  const [s0, s1] = [pts[0]![0], pts[pts.length - 1]![0]];
  const vs = pts.map(([, v]) => v);
  const [lo, hi] = [Math.min(...vs), Math.max(...vs)];
  const x = (s: number) => (s1 > s0 ? ((s - s0) / (s1 - s0)) * (W - 2) + 1 : W / 2);
  const y = (v: number) => (hi > lo ? H - 1 - ((v - lo) / (hi - lo)) * (H - 2) : H / 2);
  const path = pts.map(([s, v]) => `${x(s).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return `<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="curve"><polyline points="${path}" fill="none" stroke="#0072B2" stroke-width="1.3"/></svg>`;
}
