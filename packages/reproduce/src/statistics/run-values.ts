import type { CollectedRun } from '@rankbias/eval';
import type { RunValue } from '../definitions/schema.js';

/** The number a statistic takes from one finished run (NaN when the run does not have it). */
export function runValue(run: CollectedRun, metric: string, how: RunValue): number {
  if (!run.result || (run.status !== 'completed' && run.status !== 'stopped')) return NaN;
  if (how === 'final' || how === 'best') return run.result[how][metric] ?? NaN;
  const curve = run.curves.get(metric) ?? [];
  if ('at' in how) return curve.find(([step]) => step === how.at)?.[1] ?? NaN;
  if (!curve.length) return NaN;
  const from = curve[curve.length - 1]![0] * (1 - how.meanLast);
  const tail = curve.filter(([step]) => step >= from).map(([, v]) => v);
  return tail.reduce((a, b) => a + b, 0) / tail.length;
}
