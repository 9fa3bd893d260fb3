import { writeFileSync } from 'node:fs';
import type { DependencyContainer } from 'tsyringe';
import {
  describeBackend,
  describeLinalg,
  NotBatchableError,
  PluginRegistry,
  resolveConfig,
  selectBackend,
  selectLinalg,
  trainBatched,
  type SweepRun,
  prepareSweepRunDir,
} from '@rankbias/core';
import { runDirOf, runState } from '../sweep/run-dir.js';

/** How many runs `trainGroupsBatched` trained, in how many batches. */
export interface BatchedGroupsOutcome {
  readonly runs: number;
  readonly batches: number;
}

/**
 * Trains, in this process, every group of two or more runs of a sweep that
 * have not started yet and whose model stacks (`TrainableModel.stackWith`)
 * as one batch (`trainBatched`: seeds stacked, one step for all); each run
 * gets the run directory it would get alone, so that the sweep's executor
 * then skips them. Runs of other groups, or already started, are left to it.
 */
export async function trainGroupsBatched(
  runs: readonly SweepRun[],
  outDir: string,
  container: DependencyContainer,
  say: (line: string) => void,
): Promise<BatchedGroupsOutcome> {
  const registry = new PluginRegistry(container);
  const groups = new Map<string, SweepRun[]>();
  for (const run of runs) {
    if (runState(runDirOf(outDir, run)) === 'pending') groups.set(run.group, [...(groups.get(run.group) ?? []), run]);
  }
  let trained = 0;
  let batches = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const configs = group.map((r) => resolveConfig(r.config as Record<string, unknown>, registry, runDirOf(outDir, r)));
    const probe = configs[0]!;
    const backend = await selectBackend(probe.backend);
    const linalg = await selectLinalg(probe.linalg ?? 'auto');
    const paths = group.map((r) => prepareSweepRunDir(outDir, r));
    const dirs = paths.map((p) => p.root);
    let results: Awaited<ReturnType<typeof trainBatched>>;
    try {
      results = await trainBatched(configs, { container, backend: backend.name, outDirs: dirs });
    } catch (e) {
      if (!(e instanceof NotBatchableError)) throw e;
      say(`rankbias compare: ${group[0]!.label}: trained run by run (${e.message})`);
      continue;
    }
    say(
      `rankbias compare: ${group[0]!.label}: ${group.length} seeds trained as one batch (${describeBackend(backend)}` +
        `${linalg.notable ? `; ${describeLinalg(linalg)}` : ''})`,
    );
    results.forEach((r, k) =>
      writeFileSync(paths[k]!.log, `trained in a batch of ${group.length} runs: ${r.status}\n`),
    );
    trained += group.length;
    batches += 1;
  }
  return { runs: trained, batches };
}
