/** Formats the side-by-side benchmark table. */
import type { Workload } from './workloads.js';
import type { Timing } from './timing.js';

/** A measured time, or why there is none. */
export type Cell = Timing | { readonly skipped: string };

export interface Column {
  /** Short name, used in ratio headers. */
  readonly id: string;
  readonly label: string;
  readonly cells: Record<string, Cell>;
}

export function isTiming(cell: Cell | undefined): cell is Timing {
  return cell != null && 'medianMs' in cell;
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** Which statistic of the repeated steps a table shows. */
export type Statistic = 'medianMs' | 'minMs' | 'cpuMedianMs' | 'cpuStepsPerSecond';

const STATISTIC_NAMES: Record<Statistic, string> = {
  medianMs: 'median wall ms/step',
  minMs: 'fastest chunk, wall ms/step',
  cpuMedianMs: 'median CPU ms/step',
  cpuStepsPerSecond: 'steps/s from median CPU time',
};

/** Time per step of a cell for `stat` (steps/s read as its CPU time, so ratios stay time ratios). */
function msOf(cell: Timing, stat: Statistic): number {
  return stat === 'cpuStepsPerSecond' ? cell.cpuMedianMs : cell[stat];
}

function formatCell(cell: Cell | undefined, flops: number | undefined, stat: Statistic): string {
  if (cell == null) return '-';
  if (!isTiming(cell)) return cell.skipped;
  if (stat === 'cpuStepsPerSecond') return `${(1000 / cell.cpuMedianMs).toFixed(0)} steps/s`;
  const rate = flops ? ` (${(flops / cell[stat] / 1e6).toFixed(1)} GF/s)` : '';
  return `${formatMs(cell[stat])} ms${rate}`;
}

function pad(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join(' | '))
    .join('\n');
}

/**
 * One row per workload: each column's step time (median or minimum over the
 * timed repetitions), then each column's time as a multiple of the reference
 * column (e.g. PyTorch): `2.00x` = twice as slow (time ratios, also in the steps/s table).
 */
export function formatTable(
  workloads: readonly Workload[],
  columns: readonly Column[],
  reference: Column | undefined,
  stat: Statistic = 'medianMs',
): string {
  const header = [`workload (${STATISTIC_NAMES[stat]})`, ...columns.map((c) => c.label)];
  const ratioColumns = reference ? columns.filter((c) => c !== reference) : [];
  header.push(...ratioColumns.map((c) => `${c.id}/${reference!.id}`));
  const rows = [header];
  for (const w of workloads) {
    const row = [w.label, ...columns.map((c) => formatCell(c.cells[w.id], w.flops, stat))];
    for (const c of ratioColumns) {
      const mine = c.cells[w.id];
      const ref = reference!.cells[w.id];
      row.push(isTiming(mine) && isTiming(ref) ? `${(msOf(mine, stat) / msOf(ref, stat)).toFixed(2)}x` : '-');
    }
    rows.push(row);
  }
  return pad(rows);
}
