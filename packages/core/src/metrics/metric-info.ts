import type { MetricDirection, MetricInfo, MetricKeyInfo } from '../contracts/metric.js';

const DIRECTIONS: readonly MetricDirection[] = ['min', 'max', 'none'];

/** The info the trainer gives the keys it writes itself: split losses and accuracies, and the training step's terms. */
export const TRAINER_METRIC_KEYS: readonly MetricKeyInfo[] = [
  { key: 'loss', direction: 'min', label: 'training loss (batch)', unit: '' },
  { key: 'loss/data', direction: 'min', label: 'data loss (batch)', unit: '' },
  { key: 'penalty/*', direction: 'none', label: 'penalty {*} (batch)', unit: '' },
  { key: '*/loss', direction: 'min', label: '{*} loss', unit: '' },
  { key: '*/accuracy', direction: 'max', label: '{*} accuracy', unit: 'fraction' },
];

function keyPattern(key: string): RegExp {
  return new RegExp(
    '^' +
      key
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('(.*)') +
      '$',
  );
}

/**
 * The info of `key` from the first description whose pattern matches it, with
 * `{*}` in the label replaced by what `*` matched; undefined when none does.
 */
export function resolveMetricInfo(descriptions: readonly MetricKeyInfo[], key: string): MetricInfo | undefined {
  for (const d of descriptions) {
    const m = keyPattern(d.key).exec(key);
    if (!m) continue;
    const label = d.label.replace(/\{\*\}/g, m[1] ?? '');
    return { direction: d.direction, label, unit: d.unit, ...(d.reference?.length ? { reference: d.reference } : {}) };
  }
  return undefined;
}

/** The info of every key in `keys` (sorted); keys nothing describes get direction `none` and their own name as label. */
export function metricInfoOf(
  descriptions: readonly MetricKeyInfo[],
  keys: Iterable<string>,
): Record<string, MetricInfo> {
  const out: Record<string, MetricInfo> = {};
  for (const k of [...new Set(keys)].sort())
    out[k] = resolveMetricInfo(descriptions, k) ?? { direction: 'none', label: k, unit: '' };
  return out;
}

/** Problems with a metric's descriptions (empty when well formed): what is wrong and how to fix it, one line each. */
export function metricDescriptionProblems(descriptions: unknown): string[] {
  if (!Array.isArray(descriptions)) return ['describe() must return an array of {key, direction, label, unit}'];
  const problems: string[] = [];
  for (const [i, d] of (descriptions as Partial<MetricKeyInfo>[]).entries()) {
    const at = `describe()[${i}]${typeof d?.key === 'string' ? ` (${d.key})` : ''}`;
    if (typeof d?.key !== 'string' || !d.key)
      problems.push(`${at}: key must be a non-empty string (a metric key, * allowed)`);
    if (!DIRECTIONS.includes(d?.direction as MetricDirection))
      problems.push(`${at}: direction must be one of min, max, none`);
    if (typeof d?.label !== 'string' || !d.label.trim())
      problems.push(`${at}: label must be a non-empty human-readable string`);
    if (typeof d?.unit !== 'string') problems.push(`${at}: unit must be a string ('' for dimensionless)`);
    for (const r of d?.reference ?? []) {
      if (!Number.isFinite(r?.value) || typeof r?.label !== 'string')
        problems.push(`${at}: each reference needs a finite value and a label`);
    }
  }
  return problems;
}
