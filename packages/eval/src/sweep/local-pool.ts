import {
  liveLockOwner,
  planRunAction,
  RunBoard,
  RunDirError,
  runDirState,
  sweepRunPaths,
  tryReadRunResult,
  type BoardItem,
  type SweepExecuteOptions,
  type SweepOutcome,
  type SweepReporter,
  type SweepRun,
  prepareSweepRunDir,
} from '@rankbias/core';
import type { RunSlot } from './run-slot.js';

/** How many slots train at once, and how to make one. */
export interface LocalPoolOptions extends SweepExecuteOptions {
  readonly slots: number;
  readonly createSlot: () => RunSlot;
  /** How long to wait for training processes of an earlier, killed compare to leave (default 60 s). */
  readonly orphanWaitMs?: number;
}

/**
 * Waits until no live process other than this one holds a run lock of
 * `runs` (the workers of a compare that was killed leave as soon as they
 * have checkpointed); then the run directories are settled and safe to plan.
 */
export async function waitForEarlierTrainers(
  outDir: string,
  runs: readonly SweepRun[],
  reporter: SweepReporter,
  waitMs: number,
): Promise<void> {
  const holders = () => runs.map((r) => liveLockOwner(sweepRunPaths(outDir, r.id).lock)).filter((o) => o !== undefined);
  let live = holders();
  if (!live.length) return;
  reporter.line?.(
    `rankbias compare: waiting for ${live.length} training process(es) of an earlier compare to checkpoint and leave…`,
  );
  const deadline = Date.now() + waitMs;
  while (live.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    live = holders();
  }
  if (live.length) {
    throw new RunDirError(
      `${outDir} has runs in training by process(es) ${live.map((o) => o.pid).join(', ')}; stop them (kill ${live.map((o) => o.pid).join(' ')}) and run again`,
    );
  }
}

/**
 * Trains every run that is not done with up to `slots` slots, each taking
 * the next queued run from a `RunBoard` until none is left. Aborting the
 * signal stops what is queued and asks running runs to checkpoint and stop.
 */
export async function executeLocally(runs: readonly SweepRun[], options: LocalPoolOptions): Promise<SweepOutcome> {
  const { outDir, signal } = options;
  const reporter = options.reporter ?? {};
  await waitForEarlierTrainers(outDir, runs, reporter, options.orphanWaitMs ?? 60_000);
  const skipped: string[] = [];
  const failedNotRetried: string[] = [];
  const items: BoardItem[] = [];
  for (const run of runs) {
    const action = planRunAction(runDirState(sweepRunPaths(outDir, run.id).root), options.retry);
    if (action === 'skip') skipped.push(run.id);
    else if (action === 'leave-failed') failedNotRetried.push(run.id);
    else items.push({ run, resume: action === 'resume' });
  }
  const board = new RunBoard(items);
  reporter.planned?.(items.map((i) => i.run));
  const slots = Array.from({ length: Math.min(options.slots, items.length) }, () => options.createSlot());
  const onAbort = () => {
    board.stopQueued();
    for (const slot of slots) slot.stop();
  };
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort);

  const drive = async (slot: RunSlot) => {
    for (let item = board.take(); item; item = board.take()) {
      const { run } = item;
      const paths = prepareSweepRunDir(outDir, run);
      reporter.started?.(run, item.resume ? 'resume' : 'fresh');
      const started = performance.now();
      const end = await slot.train(item, paths, (step) => reporter.step?.(run, step));
      board.settle(run.id, end.status);
      const result = end.status === 'interrupted' ? undefined : tryReadRunResult(paths.root);
      reporter.finished?.(run, { ...end, seconds: (performance.now() - started) / 1000, result, log: paths.log });
    }
  };
  try {
    await Promise.all(slots.map(drive));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(slots.map((s) => s.close()));
  }
  return {
    skipped,
    completed: board.ids('done'),
    failed: board.ids('failed'),
    failedNotRetried,
    interrupted: Boolean(signal?.aborted),
  };
}
