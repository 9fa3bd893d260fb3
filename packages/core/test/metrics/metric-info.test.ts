import { describe, expect, it } from 'vitest';
import type { MetricKeyInfo } from '../../src/contracts/metric.js';
import { updateBest } from '../../src/trainer/best-metrics.js';
import {
  metricDescriptionProblems,
  metricInfoOf,
  resolveMetricInfo,
  TRAINER_METRIC_KEYS,
} from '../../src/metrics/metric-info.js';

const described: MetricKeyInfo[] = [
  ...TRAINER_METRIC_KEYS,
  { key: 'test/rmse', direction: 'min', label: 'test RMSE', unit: '' },
  {
    key: 'erank/*',
    direction: 'none',
    label: 'effective rank of {*}',
    unit: '',
    reference: [{ value: 3, label: 'true rank' }],
  },
];
const info = (k: string) => resolveMetricInfo(described, k);

describe('metric info', () => {
  it('resolves patterns, fills {*} in labels and keeps references', () => {
    expect(info('erank/end-to-end')).toEqual({
      direction: 'none',
      label: 'effective rank of end-to-end',
      unit: '',
      reference: [{ value: 3, label: 'true rank' }],
    });
    expect(info('validation/accuracy')).toEqual({ direction: 'max', label: 'validation accuracy', unit: 'fraction' });
    expect(info('sv/x/0')).toBeUndefined();
    expect(metricInfoOf(described, ['sv/x/0'])['sv/x/0']).toEqual({ direction: 'none', label: 'sv/x/0', unit: '' });
  });

  it('best is the min of a min metric, the max of a max metric, and absent for a metric without direction', () => {
    const rounds = [
      { 'test/rmse': 1.004, 'test/accuracy': 0.2, 'erank/end-to-end': 1 },
      { 'test/rmse': 0.088, 'test/accuracy': 0.9, 'erank/end-to-end': 7 },
      { 'test/rmse': 0.3, 'test/accuracy': 0.5, 'erank/end-to-end': 3 },
    ];
    const best = rounds.reduce<Record<string, number>>((b, r) => updateBest(b, r, info), {});
    expect(best).toEqual({ 'test/rmse': 0.088, 'test/accuracy': 0.9 });
    expect(updateBest({}, { 'test/rmse': NaN }, info)).toEqual({});
  });

  it('names every problem of a malformed description', () => {
    expect(metricDescriptionProblems(described)).toEqual([]);
    expect(metricDescriptionProblems(undefined)).toEqual([
      'describe() must return an array of {key, direction, label, unit}',
    ]);
    expect(
      metricDescriptionProblems([{ key: 'a', direction: 'up', label: '', reference: [{ value: NaN, label: 'x' }] }]),
    ).toEqual([
      'describe()[0] (a): direction must be one of min, max, none',
      'describe()[0] (a): label must be a non-empty human-readable string',
      "describe()[0] (a): unit must be a string ('' for dimensionless)",
      'describe()[0] (a): each reference needs a finite value and a label',
    ]);
  });
});
