import { describe, expect, it } from 'vitest';
import type { MetricInfo } from '@rankbias/core';
import type { GroupSummary } from '../src/report/aggregate.js';
import { PALETTE, sweepEncoding } from '../src/report/encoding.js';
import { curveSpec, versusSpec, yScaleFor } from '../src/report/plot-specs.js';
import { stat } from '../src/stats/interval.js';

const variants = ['GD', 'Adam', 'Adam + penalty'];
const groups: GroupSummary[] = variants.flatMap((variant, v) =>
  [1, 2, 3].map((depth) => {
    const s = stat([0.01 * (v + 1) * depth, 0.012 * (v + 1) * depth, 0.011 * (v + 1) * depth]);
    return {
      group: `${variant}-${depth}`,
      label: `${variant} · model.depth=${depth}`,
      params: { variant, 'model.depth': depth },
      seeds: [0, 1, 2],
      n: 3,
      failed: 0,
      missing: 0,
      final: { 'test/rmse': s },
      best: { 'test/rmse': s },
    };
  }),
);
const rmse: MetricInfo = { direction: 'min', label: 'test RMSE', unit: '' };
const erank: MetricInfo = {
  direction: 'none',
  label: 'effective rank',
  unit: '',
  reference: [{ value: 3, label: 'true rank' }],
};
const enc = sweepEncoding(groups, ['model.depth', 'variant']);

/** Every object in a spec (depth-first), to find channels and marks wherever layers put them. */
function walk(x: unknown, out: Record<string, any>[] = []): Record<string, any>[] {
  if (Array.isArray(x)) x.forEach((v) => walk(v, out));
  else if (x && typeof x === 'object') {
    out.push(x as Record<string, any>);
    Object.values(x).forEach((v) => walk(v, out));
  }
  return out;
}
const channel = (spec: unknown, name: string) =>
  walk(spec)
    .map((o) => o[name])
    .filter((c) => c && typeof c === 'object' && 'field' in c);
const marks = (spec: unknown) =>
  walk(spec)
    .map((o) => (typeof o.mark === 'object' ? o.mark.type : o.mark))
    .filter(Boolean);
const dataRows = (spec: unknown) =>
  walk(spec)
    .filter((o) => Array.isArray(o.values) && o.values[0]?.colour)
    .flatMap((o) => o.values);

describe('plot specs of a sweep', () => {
  const points = groups
    .flatMap((g) =>
      [0, 10, 20].map((step) => ({
        label: g.label,
        step,
        mean: g.final['test/rmse']!.mean * (1 + 1 / (1 + step)),
        lo: 0,
        hi: 0,
        n: 3,
      })),
    )
    .map((p) => ({ ...p, lo: p.mean * 0.9, hi: p.mean * 1.1 }));
  const specs = [
    curveSpec(rmse, points, groups, enc),
    curveSpec(
      erank,
      points.map((p) => ({ ...p, mean: p.mean * 100, lo: p.lo * 100, hi: p.hi * 100 })),
      groups,
      enc,
    ),
    versusSpec('model.depth', rmse, 'final', groups, enc, (g) => g.final['test/rmse']),
    versusSpec('variant', rmse, 'best', groups, enc, (g) => g.best['test/rmse']),
  ];

  it('colour = variant with one domain and palette in every plot; dash/shape = the grid value', () => {
    expect(enc).toEqual({
      colourKey: 'variant',
      colourDomain: ['Adam', 'Adam + penalty', 'GD'],
      dashKeys: ['model.depth'],
    });
    for (const spec of specs) {
      const colours = channel(spec, 'color');
      expect(colours.length).toBeGreaterThan(0);
      for (const c of colours) {
        expect(c.field).toBe('colour');
        expect(c.scale.domain).toEqual(['Adam', 'Adam + penalty', 'GD']);
        expect(c.scale.range).toEqual(PALETTE.slice(0, 3));
      }
      for (const row of dataRows(spec))
        expect(row.colour).toBe(groups.find((g) => g.label === row.label)!.params.variant);
    }
    const dash = channel(specs[0], 'strokeDash')[0]!;
    expect(dash.title).toBe('model.depth');
    expect(dash.scale.domain).toEqual(['1', '2', '3']);
    expect(channel(specs[2], 'shape')).toEqual([]); // depth is the x axis there: nothing left to tell apart by shape
    expect(channel(specs[3], 'shape')[0]!.scale.domain).toEqual(['1', '2', '3']);
  });

  it('integer grid values are an ordinal axis with points and error bars, no lines', () => {
    const x = channel(specs[2], 'x')[0]!;
    expect(x.type).toBe('ordinal');
    expect(x.sort).toEqual(['1', '2', '3']);
    expect(marks(specs[2])).not.toContain('line');
    expect(marks(specs[2])).toEqual(expect.arrayContaining(['rule', 'point']));
  });

  it('axis titles come from the metric metadata; references are drawn as labelled rules', () => {
    expect(channel(specs[0], 'y')[0]!.title).toBe('test RMSE');
    expect(channel(specs[3], 'y')[0]!.title).toBe('test RMSE, best');
    const refs = walk(specs[1]).filter((o) => Array.isArray(o.values) && o.values[0]?.text === 'true rank = 3');
    expect(refs).toHaveLength(2); // the rule and its label
    expect(marks(specs[1])).toEqual(expect.arrayContaining(['rule', 'text']));
  });

  it('log scales hug the data: the domain stays within 15% of the extremes', () => {
    const y = yScaleFor([5e-3, 0.02, 1.1]);
    expect(y.type).toBe('log');
    expect(y.domain[0]).toBeGreaterThan(5e-3 / 1.2);
    expect(y.domain[1]).toBeLessThan(1.1 * 1.2);
    expect(yScaleFor([1, 2, 3]).type).toBe('linear');
    expect(yScaleFor([-1, 200]).type).toBe('linear');
  });
});
