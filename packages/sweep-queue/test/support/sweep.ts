import { readFileSync } from 'node:fs';
import { container as root } from 'tsyringe';
import { PluginRegistry, register as registerCore, type SweepOutcome } from '@rankbias/core';
import { register as registerSynthetic } from '@rankbias/data-synthetic';
import { expandSweep, register as registerEval, sweepMetaOf, writeReport, writeSweepMeta } from '@rankbias/eval';
import { runSweepOnQueue } from '../../src/coordinator/run-on-queue.js';
import type { QueueSweepOptions } from '../../src/coordinator/types.js';

/** The runs of a sweep file, expanded against the real plugins (as `compare` does). */
export function sweepRuns(file: string) {
  const c = root.createChildContainer();
  for (const register of [registerCore, registerSynthetic, registerEval]) register(c);
  return expandSweep(file, new PluginRegistry(c));
}

/** A coordinator in this process: queue the sweep, wait, write the report like `compare` does. */
export async function coordinate(
  file: string,
  outDir: string,
  options: Omit<QueueSweepOptions, 'outDir'>,
): Promise<SweepOutcome & { lines: string[] }> {
  const sweep = sweepRuns(file);
  writeSweepMeta(outDir, sweepMetaOf(sweep));
  const lines: string[] = [];
  const outcome = await runSweepOnQueue(sweep.runs, {
    ...options,
    outDir,
    reporter: { line: (l) => lines.push(l), ...options.reporter },
  });
  await writeReport(outDir);
  return { ...outcome, lines };
}

/** summary.md of a sweep output directory. */
export function summaryOf(outDir: string): string {
  return readFileSync(`${outDir}/summary.md`, 'utf8');
}
