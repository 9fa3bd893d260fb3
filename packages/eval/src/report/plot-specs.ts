import type { MetricInfo } from '@rankbias/core';
import type { TopLevelSpec } from 'vega-lite';
import type { CurvePoint, GroupSummary } from './aggregate.js';
import type { Stat } from '../stats/interval.js';
import { colourChannel, colourOf, DASHES, dashDomain, dashOf, SHAPES, type SweepEncoding } from './encoding.js';
import { axisTitle } from './metric-labels.js';

/** Plot area: fits a paper column at 2× and a slide; legends go to the right. */
export const PLOT_WIDTH = 340;
export const PLOT_HEIGHT = 210;

/** Shared look: fonts that exist headlessly (DejaVu) with generic fallbacks; legends on the right. */
export const PLOT_CONFIG = {
  font: 'DejaVu Sans, Arial, sans-serif',
  background: 'white',
  padding: 6,
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    grid: true,
    gridOpacity: 0.45,
    labelOverlap: true,
  },
  legend: {
    orient: 'right',
    symbolOpacity: 1,
    labelFontSize: 11,
    titleFontSize: 11,
    labelLimit: 220,
    symbolStrokeWidth: 2,
    symbolSize: 90,
    rowPadding: 2,
    offset: 10,
  },
  title: { fontSize: 13, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start', fontWeight: 'bold', offset: 6 },
  view: { stroke: null },
} as const;

const REFERENCE_COLOUR = '#555';

/**
 * Splits an axis title into lines of about `width` characters at spaces, so a
 * vertical title never outgrows the plot (vega estimates text widths headlessly,
 * generously, and pads the layout by any overflow).
 */
export function wrapTitle(text: string, width = 22): string | string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length === 1 ? lines[0]! : lines;
}

/** A category name wrapped onto lines of about 12 characters, joined by newlines (split again by the axis). */
function wrapLabel(value: unknown): string {
  const lines = wrapTitle(String(value), 12);
  return Array.isArray(lines) ? lines.join('\n') : lines;
}

type YScale =
  | { type: 'log'; domain: [number, number]; nice: false }
  | { type: 'linear'; domain: [number, number]; zero: false; nice: true };

/** Log when every value is positive and they span `decades` or more; the domain hugs the data (and the references). */
export function yScaleFor(values: readonly number[], decades = 2): YScale {
  const v = values.filter((x) => Number.isFinite(x));
  if (!v.length) return { type: 'linear', domain: [0, 1], zero: false, nice: true };
  const min = Math.min(...v);
  const max = Math.max(...v);
  if (min > 0 && max / min >= 10 ** decades) return { type: 'log', domain: [min / 1.15, max * 1.15], nice: false };
  const pad = max > min ? 0.04 * (max - min) : Math.abs(max) * 0.05 || 1;
  return { type: 'linear', domain: [min - pad, max + pad], zero: false, nice: true };
}

/** Band edges for a log axis: an interval reaching zero or below is cut a decade under the mean. */
function clampForLog<T extends { mean: number; lo: number; hi: number }>(rows: readonly T[], scale: YScale): T[] {
  return scale.type === 'log' ? rows.map((r) => ({ ...r, lo: Math.max(r.lo, r.mean / 10) })) : [...rows];
}

/** Dashed reference rules with their labels at the right edge (e.g. the true rank). */
function referenceLayers(info: MetricInfo, scale: YScale): object[] {
  const refs = (info.reference ?? []).map((r) => ({ value: r.value, text: `${r.label} = ${r.value}` }));
  if (!refs.length) return [];
  const y = { field: 'value', type: 'quantitative', scale };
  return [
    // solid grey: no series is grey, and dashes already mean grid values
    { data: { values: refs }, mark: { type: 'rule', color: '#999', strokeWidth: 1.2 }, encoding: { y } },
    {
      data: { values: refs },
      mark: { type: 'text', color: REFERENCE_COLOUR, align: 'right', baseline: 'bottom', dy: -2, fontSize: 10 },
      encoding: { y, x: { value: PLOT_WIDTH - 2 }, text: { field: 'text' } },
    },
  ];
}

function dashChannel(keys: readonly string[], domain: readonly string[]) {
  return {
    field: 'dash',
    type: 'nominal',
    title: keys.join(' · '),
    scale: { domain: [...domain], range: domain.map((_, i) => [...DASHES[i % DASHES.length]!]) },
    legend: { symbolType: 'stroke' },
  } as const;
}

function shapeChannel(keys: readonly string[], domain: readonly string[]) {
  return {
    field: 'dash',
    type: 'nominal',
    title: keys.join(' · '),
    scale: { domain: [...domain], range: domain.map((_, i) => SHAPES[i % SHAPES.length]!) },
  } as const;
}

function base(title: string, subtitle: string): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle },
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    config: PLOT_CONFIG,
  };
}

/** Learning curve of one metric: mean over seeds per group with its 95% CI band; colour = variant, dash = grid value. */
export function curveSpec(
  info: MetricInfo,
  points: readonly CurvePoint[],
  groups: readonly GroupSummary[],
  enc: SweepEncoding,
): TopLevelSpec {
  const byLabel = new Map(groups.map((g) => [g.label, g]));
  const rows = points.map((p) => {
    const g = byLabel.get(p.label)!;
    return { ...p, colour: colourOf(enc, g), dash: dashOf(enc.dashKeys, g) };
  });
  // The axis fits the means (and references); bands wider than that are clipped, so that a wide
  // interval at a few seeds does not squash every curve (or push an error below zero).
  const y = yScaleFor([...rows.map((r) => r.mean), ...(info.reference ?? []).map((r) => r.value)]);
  const maxStep = Math.max(...rows.map((r) => r.step));
  const colour = colourChannel(enc, 'stroke');
  const dash = enc.dashKeys.length ? { strokeDash: dashChannel(enc.dashKeys, dashDomain(enc.dashKeys, groups)) } : {};
  const yEnc = { type: 'quantitative', scale: y, title: wrapTitle(axisTitle(info)) };
  return {
    ...base(`${info.label} during training`, 'mean over seeds; band: 95% confidence interval'),
    layer: [
      {
        data: { values: clampForLog(rows, y) },
        encoding: {
          x: {
            field: 'step',
            type: 'quantitative',
            title: 'training step',
            scale: { domain: [0, maxStep], nice: false },
          },
          color: colour,
          detail: { field: 'label' },
        },
        layer: [
          {
            mark: { type: 'area', opacity: 0.14, clip: true },
            encoding: { y: { ...yEnc, field: 'lo' }, y2: { field: 'hi' } },
          },
          { mark: { type: 'line', strokeWidth: 1.8 }, encoding: { y: { ...yEnc, field: 'mean' }, ...dash } },
        ],
      },
      ...referenceLayers(info, y),
    ],
  } as TopLevelSpec;
}

/** How a hyperparameter's values are laid out on the x axis. */
function xLayout(values: readonly unknown[]): 'ordinal' | 'linear' | 'log' {
  if (!values.every((v) => typeof v === 'number')) return 'ordinal';
  const xs = values as number[];
  if (xs.every((v) => Number.isInteger(v))) return 'ordinal';
  return xs.every((v) => v > 0) && Math.max(...xs) / Math.min(...xs) >= 10 ? 'log' : 'linear';
}

/**
 * A metric against one hyperparameter: mean and 95% CI per group. Integer and
 * categorical values are ordinal (points and error bars side by side, no
 * lines); other numbers are continuous (lines through the points, log when
 * they span a decade). Colour = variant, shape/dash = the other grid values.
 */
export function versusSpec(
  axis: string,
  info: MetricInfo,
  which: 'final' | 'best',
  groups: readonly GroupSummary[],
  enc: SweepEncoding,
  pick: (g: GroupSummary) => Stat | undefined,
): TopLevelSpec {
  const dashKeys = enc.dashKeys.filter((k) => k !== axis);
  const rows = groups
    .map((g) => {
      const s = pick(g);
      if (!s || !Number.isFinite(s.mean)) return undefined;
      const half = Number.isFinite(s.half) ? s.half : 0;
      const colour = colourOf(enc, g);
      const dash = dashOf(dashKeys, g);
      // Side by side within an x value: the series that differ in something other than x.
      const series = `${enc.colourKey !== axis ? colour : ''}|${dash}`;
      return {
        x: g.params[axis],
        label: g.label,
        colour,
        dash,
        series,
        mean: s.mean,
        lo: s.mean - half,
        hi: s.mean + half,
        n: s.n,
      };
    })
    .filter((r): r is NonNullable<typeof r> => r !== undefined);
  const layout = xLayout(rows.map((r) => r.x));
  const y = yScaleFor([...rows.flatMap((r) => [r.mean, r.lo, r.hi]), ...(info.reference ?? []).map((r) => r.value)]);
  const yEnc = {
    type: 'quantitative',
    scale: y,
    title: wrapTitle(`${axisTitle(info)}${which === 'best' ? ', best' : ''}`),
  };
  const colour = colourChannel(enc, layout === 'ordinal' ? 'circle' : 'stroke');
  const dashDom = dashDomain(dashKeys, groups);
  const data = clampForLog(rows, y);
  let x: Record<string, unknown>;
  let marks: object[];
  if (layout === 'ordinal') {
    const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : String(a).localeCompare(String(b), 'en', { numeric: true }),
    );
    // long category names (variants) wrap onto lines rather than being dropped for overlapping
    const wraps = xs.some((v) => wrapLabel(v).includes('\n'));
    const labels = {
      labelAngle: 0,
      labelOverlap: false,
      labelExpr: `split(datum.label, '\\n')`,
      ...(wraps ? { titlePadding: 16 } : {}),
    };
    x = {
      field: 'xs',
      type: 'ordinal',
      title: axis,
      sort: xs.map(wrapLabel),
      axis: labels,
      scale: { paddingInner: 0.25 },
    };
    const shape = dashKeys.length ? { shape: shapeChannel(dashKeys, dashDom) } : {};
    marks = [
      { mark: { type: 'rule', strokeWidth: 1.6 }, encoding: { y: { ...yEnc, field: 'lo' }, y2: { field: 'hi' } } },
      {
        mark: { type: 'point', filled: true, size: 55, opacity: 1 },
        encoding: { y: { ...yEnc, field: 'mean' }, ...shape },
      },
    ];
    return {
      ...base(`${info.label} vs ${axis}`, `${which} value; mean over seeds with 95% confidence interval`),
      layer: [
        {
          data: { values: data.map((r) => ({ ...r, xs: wrapLabel(r.x) })) },
          encoding: {
            x,
            xOffset: { field: 'series', type: 'nominal', sort: [...new Set(rows.map((r) => r.series))].sort() },
            color: colour,
          },
          layer: marks,
        },
        ...referenceLayers(info, y),
      ],
    } as TopLevelSpec;
  }
  const xsNum = rows.map((r) => r.x as number);
  const xScale =
    layout === 'log'
      ? { type: 'log', domain: [Math.min(...xsNum) / 1.3, Math.max(...xsNum) * 1.3], nice: false }
      : { type: 'linear', zero: false, nice: true };
  // Ticks at the swept values: a sweep has a handful, and they are what the reader looks up.
  x = {
    field: 'x',
    type: 'quantitative',
    title: axis,
    scale: xScale,
    axis: { values: [...new Set(xsNum)].sort((a, b) => a - b), format: '~g' },
  };
  const dash = dashKeys.length ? { strokeDash: dashChannel(dashKeys, dashDom) } : {};
  marks = [
    { mark: { type: 'rule', strokeWidth: 1.4 }, encoding: { y: { ...yEnc, field: 'lo' }, y2: { field: 'hi' } } },
    { mark: { type: 'line', strokeWidth: 1.8 }, encoding: { y: { ...yEnc, field: 'mean' }, ...dash } },
    { mark: { type: 'point', filled: true, size: 40, opacity: 1 }, encoding: { y: { ...yEnc, field: 'mean' } } },
  ];
  return {
    ...base(`${info.label} vs ${axis}`, `${which} value; mean over seeds with 95% confidence interval`),
    layer: [
      { data: { values: data }, encoding: { x, color: colour, detail: { field: 'series' } }, layer: marks },
      ...referenceLayers(info, y),
    ],
  } as TopLevelSpec;
}
