import type { TopLevelSpec } from 'vega-lite';
import type { InitRankRow, RegressionRow } from './observations.js';

export interface FmnistRow {
  model: string;
  depth: number;
  /** Test accuracy of each seed. */
  seeds?: number[];
  testAccuracy: number;
  testAccuracyStd: number;
  trainAccuracy: number;
  entropy: number;
  entropyStd: number;
  erank: number;
}

const size = { width: 220, height: 170 };

/** Test accuracy (mean ± std) and embedding entropy against expansion depth, one column per model. */
export function fmnistSpec(rows: FmnistRow[]): TopLevelSpec {
  const data = rows.map((r) => ({
    ...r,
    accLo: r.testAccuracy - r.testAccuracyStd,
    accHi: r.testAccuracy + r.testAccuracyStd,
    hLo: r.entropy - r.entropyStd,
    hHi: r.entropy + r.entropyStd,
  }));
  const x = { field: 'depth', type: 'ordinal', title: 'expansion depth (1 = base)' } as const;
  const color = { field: 'model', type: 'nominal' } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Fashion-MNIST subset: linear expansion vs base (mean ± std over seeds)',
    data: { values: data },
    hconcat: [
      {
        ...size,
        layer: [
          {
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: { field: 'testAccuracy', type: 'quantitative', scale: { zero: false }, title: 'test accuracy' },
              color,
            },
          },
          {
            mark: 'errorbar',
            encoding: {
              x,
              y: { field: 'accLo', type: 'quantitative', title: 'test accuracy' },
              y2: { field: 'accHi' },
              color,
            },
          },
        ],
      },
      {
        ...size,
        layer: [
          {
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: { field: 'entropy', type: 'quantitative', scale: { zero: false }, title: 'entropy H of embeddings' },
              color,
            },
          },
          {
            mark: 'errorbar',
            encoding: {
              x,
              y: { field: 'hLo', type: 'quantitative', title: 'entropy H of embeddings' },
              y2: { field: 'hHi' },
              color,
            },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}

/** Observation 1 (left) and 2 (right). */
export function observationsSpec(init: InitRankRow[], regression: RegressionRow[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'Small observations: rank at initialisation; deep linear regression',
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
    hconcat: [
      {
        ...size,
        title: 'spectral entropy at init vs depth',
        data: { values: init },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'depth', type: 'ordinal', title: 'depth' },
          y: { field: 'entropy', type: 'quantitative', title: 'H (erank = exp H)' },
          color: { field: 'kind', type: 'nominal' },
        },
      },
      {
        ...size,
        title: 'relative test error vs depth',
        data: { values: regression },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'depth', type: 'ordinal', title: 'depth' },
          y: { field: 'testError', type: 'quantitative', title: '‖W_e − W*‖_F / ‖W*‖_F' },
          color: { field: 'target', type: 'nominal' },
          strokeDash: { field: 'initScale', type: 'nominal', title: 'init scale', legend: { symbolType: 'stroke' } },
        },
      },
    ],
  } as TopLevelSpec;
}
