import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunJob, RunJobResult } from '../job.js';
import { collectRunDir } from './collect-result.js';
import { prepareSweepRunDir, sweepRunPaths, tryReadRunResult, type SweepRun } from '@rankbias/core';
import { hasFinalResult } from './local-state.js';

/** Where each run stands after planning. */
export interface EnqueuePlan {
  readonly skipped: string[];
  readonly failedNotRetried: string[];
  /** Runs whose jobs are queued, running, or finished but not collected yet. */
  readonly pending: SweepRun[];
}

const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed']);

/**
 * Decides, per run, from its local directory and its job: done locally → skipped;
 * failed (locally or in the queue) without `retry` → left failed; a job that exists
 * and is alive or finished → attached to; otherwise one job with id = run id.
 */
export async function enqueueRuns(
  queue: Queue<RunJob, RunJobResult, 'run'>,
  redis: Redis,
  runs: readonly SweepRun[],
  outDir: string,
  retry: boolean,
): Promise<EnqueuePlan> {
  const plan: EnqueuePlan = { skipped: [], failedNotRetried: [], pending: [] };
  for (const run of runs) {
    const dir = sweepRunPaths(outDir, run.id).root;
    const local = tryReadRunResult(dir);
    if (hasFinalResult(dir) && local!.status !== 'failed') {
      plan.skipped.push(run.id);
      continue;
    }
    const job = await queue.getJob(run.id);
    const state = job ? await job.getState() : 'unknown';
    const failedHere = local?.status === 'failed' || state === 'failed';
    if (failedHere && !retry && !LIVE_STATES.has(state)) {
      if (state === 'failed' && !local) await collectRunDir(redis, run.id, dir);
      plan.failedNotRetried.push(run.id);
      continue;
    }
    // A failed attempt's result.json stays until the new one replaces it: it tells a worker
    // writing in place to start a retried run afresh rather than resume it.
    prepareSweepRunDir(outDir, run);
    if (state === 'failed') await job!.retry('failed');
    else if (!LIVE_STATES.has(state)) {
      const data: RunJob = { id: run.id, label: run.label, seed: run.seed, config: { ...run.config } };
      await queue.add('run', data, { jobId: run.id, attempts: 1, removeOnComplete: false, removeOnFail: false });
    }
    plan.pending.push(run);
  }
  return plan;
}
