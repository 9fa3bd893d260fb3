import { formatParam } from '../sweep/expand.js';
import type { GroupSummary } from './aggregate.js';

/** Okabe–Ito colours (colour-blind safe), ordered so that the first ones differ most on white; yellow last. */
export const PALETTE = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
] as const;
/** Stroke dash patterns and point shapes, one per grid value. */
export const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [9, 3, 2, 3],
  [1, 4],
  [12, 4],
] as const;
export const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'] as const;

/**
 * The one encoding of a sweep's plots: colour = the variant (or, without
 * variants, the first grid key), stroke dash / point shape = the other grid
 * values. Domains come from every group, so a colour means the same series
 * in every plot.
 */
export interface SweepEncoding {
  /** The parameter coloured by (`variant` when the sweep has variants). */
  readonly colourKey?: string;
  readonly colourDomain: readonly string[];
  /** The parameters told apart by dash/shape. */
  readonly dashKeys: readonly string[];
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return formatParam(a).localeCompare(formatParam(b), 'en', { numeric: true });
}

/** The encoding of `groups` over the hyperparameter `axes` (variant first when present). */
export function sweepEncoding(groups: readonly GroupSummary[], axes: readonly string[]): SweepEncoding {
  const varying = axes.filter((a) => new Set(groups.map((g) => formatParam(g.params[a]))).size > 1);
  const colourKey = varying.includes('variant') ? 'variant' : varying[0];
  const colourDomain = colourKey
    ? [...new Map(groups.map((g) => [formatParam(g.params[colourKey]), g.params[colourKey]])).entries()]
        .sort((x, y) => compareValues(x[1], y[1]))
        .map(([k]) => k)
    : ['all'];
  return { colourKey, colourDomain, dashKeys: varying.filter((a) => a !== colourKey) };
}

/** Colour value of a group. */
export function colourOf(enc: SweepEncoding, g: GroupSummary): string {
  return enc.colourKey ? formatParam(g.params[enc.colourKey]) : 'all';
}

/** Dash/shape value of a group over `keys`: the value alone for one key (the legend title names it), else `k=v · k=v`. */
export function dashOf(keys: readonly string[], g: GroupSummary): string {
  if (keys.length === 1) return formatParam(g.params[keys[0]!]);
  return keys.map((k) => `${k}=${formatParam(g.params[k])}`).join(' · ');
}

/** The distinct dash values of `groups` over `keys`, in the order of their values. */
export function dashDomain(keys: readonly string[], groups: readonly GroupSummary[]): string[] {
  const sorted = [...groups].sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(a.params[k], b.params[k]);
      if (c) return c;
    }
    return 0;
  });
  return [...new Set(sorted.map((g) => dashOf(keys, g)))];
}

/** vega-lite colour channel with the fixed domain and palette. */
export function colourChannel(enc: SweepEncoding, symbolType: 'stroke' | 'circle') {
  return {
    field: 'colour',
    type: 'nominal',
    title: enc.colourKey ?? 'series',
    scale: { domain: [...enc.colourDomain], range: enc.colourDomain.map((_, i) => PALETTE[i % PALETTE.length]) },
    legend: { symbolType, ...(enc.colourKey ? {} : { disable: true }) },
  } as const;
}
