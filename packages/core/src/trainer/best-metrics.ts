import type { MetricInfo } from '../contracts/metric.js';

/**
 * Best value of each metric so far, by its declared direction: min or max;
 * metrics with direction `none` (or none declared) have no best, and
 * non-finite values never win.
 */
export function updateBest(
  best: Record<string, number>,
  metrics: Readonly<Record<string, number>>,
  infoOf: (key: string) => MetricInfo | undefined,
): Record<string, number> {
  const out = { ...best };
  for (const [k, v] of Object.entries(metrics)) {
    const direction = infoOf(k)?.direction;
    if (!Number.isFinite(v) || (direction !== 'min' && direction !== 'max')) continue;
    const prev = out[k];
    if (prev === undefined || (direction === 'min' ? v < prev : v > prev)) out[k] = v;
  }
  return out;
}
