import type { TopLevelSpec } from 'vega-lite';
import type { CurvePoint, GroupSummary } from './aggregate.js';
import type { Stat } from './stats.js';

const WIDTH = 400;
const HEIGHT = 240;

/** Shared look: fonts that exist headlessly (DejaVu) with generic fallbacks. */
export const PLOT_CONFIG = {
  font: 'DejaVu Sans, Arial, sans-serif',
  background: 'white',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 0, orient: 'bottom', columns: 1, symbolOpacity: 1, symbolType: 'stroke' },
  title: { fontSize: 14, anchor: 'start' },
  view: { stroke: null },
} as const;

/** Log scale when every value is positive and they span two decades or more. */
function scaleFor(values: readonly number[], decades = 2): { type: 'log' } | { type: 'linear'; zero: false } {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length && finite.every((v) => v > 0) && Math.max(...finite) / Math.min(...finite) >= 10 ** decades) return { type: 'log' };
  return { type: 'linear', zero: false };
}

/** Learning curve of one metric: mean over seeds per group, with a ±std band. */
export function curveSpec(metric: string, points: readonly CurvePoint[], groupOrder: readonly string[]): TopLevelSpec {
  const y = scaleFor(points.map((p) => p.mean));
  // On a log scale the lower edge of the band is kept within a decade of the mean
  // (mean − std can reach zero or below, which a log axis cannot show).
  const band = y.type === 'log' ? points.map((p) => ({ ...p, lo: Math.max(p.lo, p.mean / 10) })) : points;
  const color = { field: 'label', type: 'nominal', title: 'group', sort: [...groupOrder] } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${metric} during training (mean ± std over seeds)`,
    width: WIDTH,
    height: HEIGHT,
    data: { values: band },
    encoding: { x: { field: 'step', type: 'quantitative', title: 'step' }, color },
    layer: [
      { mark: { type: 'area', opacity: 0.18 }, encoding: { y: { field: 'lo', type: 'quantitative', scale: y, title: metric }, y2: { field: 'hi' } } },
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { y: { field: 'mean', type: 'quantitative', scale: y, title: metric } } },
    ],
    config: PLOT_CONFIG,
  } as TopLevelSpec;
}

/**
 * A metric against one hyperparameter: mean ± std per group, groups that
 * differ in other parameters drawn as separate series.
 */
export function versusSpec(
  axis: string,
  metric: string,
  groups: readonly GroupSummary[],
  pick: (g: GroupSummary) => Stat | undefined,
): TopLevelSpec {
  const rows = groups
    .map((g) => {
      const s = pick(g);
      const rest = Object.entries(g.params)
        .filter(([k]) => k !== axis)
        .map(([k, v]) => (k === 'variant' ? String(v) : `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`))
        .join(' · ');
      const sd = s && Number.isFinite(s.std) ? s.std : 0;
      return s && Number.isFinite(s.mean)
        ? { x: g.params[axis], series: rest || 'all', mean: s.mean, lo: s.mean - sd, hi: s.mean + sd }
        : undefined;
    })
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
  const numeric = rows.every((r) => typeof r.x === 'number');
  const xs = rows.map((r) => r.x as number);
  const xScale = numeric ? scaleFor(xs, 1) : undefined;
  const x = numeric
    ? {
        field: 'x',
        type: 'quantitative',
        title: axis,
        scale: xScale,
        ...(xs.every((v) => Number.isInteger(v)) && xScale?.type !== 'log' ? { axis: { tickMinStep: 1, format: 'd' } } : {}),
      }
    : { field: 'x', type: 'ordinal', title: axis, sort: null, axis: { labelAngle: 0 } };
  const series = [...new Set(rows.map((r) => r.series))].sort();
  const y = scaleFor(rows.map((r) => r.mean));
  const data = y.type === 'log' ? rows.map((r) => ({ ...r, lo: Math.max(r.lo, r.mean / 10) })) : rows;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${metric} vs ${axis}`,
    width: WIDTH,
    height: HEIGHT,
    data: { values: data.map((r) => (numeric ? r : { ...r, x: String(r.x) })) },
    encoding: { x, color: { field: 'series', type: 'nominal', title: 'other settings', sort: series } },
    layer: [
      { mark: { type: 'rule' }, encoding: { y: { field: 'lo', type: 'quantitative', scale: y, title: metric }, y2: { field: 'hi' } } },
      { mark: { type: 'line', point: { size: 50 } }, encoding: { y: { field: 'mean', type: 'quantitative', scale: y, title: metric } } },
    ],
    config: PLOT_CONFIG,
  } as TopLevelSpec;
}
