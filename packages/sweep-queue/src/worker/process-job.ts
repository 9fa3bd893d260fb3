import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UnrecoverableError, WaitingError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  ConfigError,
  PluginRegistry,
  resolveConfig,
  type BackendChoice,
  type TrainedRun,
  ensureDir,
} from '@rankbias/core';
import type { DependencyContainer } from 'tsyringe';
import { runJobSchema, type RunJob, type RunJobProgress, type RunJobResult } from '../job.js';
import { TransferTooLargeError, unpackBundle } from '../transfer/bundle.js';
import { deleteBundle, downloadBundle, uploadBundle } from '../transfer/redis-files.js';
import { missingJobPlugins, installedPackages } from './job-plugins.js';
import { checkpointBundle, resultBundle } from './run-files.js';
import { resumableStep, trainRun } from './train-run.js';

/** What a worker process brings to every job. */
export interface JobSettings {
  readonly container: DependencyContainer;
  /** Connection for file transfer (BullMQ keeps its own). */
  readonly redis: Redis;
  /** `host:pid`, shown in logs and return values. */
  readonly identity: string;
  /** Shared sweep output directory: runs are written in place under `<out>/runs/<id>`. */
  readonly sharedOut?: string;
  /** Where runs are trained before upload (without a shared --out). */
  readonly workDir: string;
  readonly capBytes: number;
  readonly backend?: BackendChoice;
  /** Aborted when the worker stops: the run in progress checkpoints and goes back to the queue. */
  readonly stopSignal: AbortSignal;
  readonly say: (line: string) => void;
}

/** Rejects a job for good: BullMQ marks it failed once instead of retrying it. */
function refuse(message: string): never {
  throw new UnrecoverableError(message);
}

/** Validates a job as data: shape, plugins this worker has, and train's config schema. */
function validateJob(job: Job, settings: JobSettings, installed: ReadonlySet<string>): RunJob {
  const parsed = runJobSchema.safeParse(job.data);
  if (!parsed.success)
    refuse(`refused job ${job.id}: not a rankbias run (${parsed.error.issues[0]?.message ?? 'bad shape'})`);
  const run = parsed.data;
  if (job.id !== run.id) refuse(`refused job ${job.id}: its id differs from the run id ${run.id}`);
  const missing = missingJobPlugins(run.config, installed, settings.identity);
  if (missing) refuse(missing);
  const config = settings.backend ? { ...run.config, backend: settings.backend } : run.config;
  try {
    resolveConfig(config, new PluginRegistry(settings.container), `job ${run.id}`);
  } catch (e) {
    const issues =
      e instanceof ConfigError ? e.issues.map((i) => `${i.path}: ${i.message}`).join('; ') : (e as Error).message;
    refuse(`invalid config in job ${run.id}: ${issues}`);
  }
  return run;
}

/**
 * The BullMQ processor of a rankbias worker: validates the job, restores the run's
 * last uploaded checkpoint (or the one in the shared run directory), trains in
 * process, uploads checkpoints as they are written and the run directory at the end.
 * A worker asked to stop checkpoints and puts the job back in the queue.
 */
export function createJobProcessor(settings: JobSettings): (job: Job, token?: string) => Promise<RunJobResult> {
  const installed = installedPackages(settings.container);
  return async (job, token) => {
    const run = validateJob(job, settings, installed);
    const inPlace = settings.sharedOut !== undefined;
    const runDir = inPlace ? join(settings.sharedOut!, 'runs', run.id) : join(settings.workDir, run.id);
    if (!inPlace) rmSync(runDir, { recursive: true, force: true });
    ensureDir(runDir);
    const log = (line: string) => {
      appendFileSync(join(runDir, 'train.log'), `${line}\n`);
      settings.say(`${run.id}: ${line}`);
    };
    if (!inPlace) {
      const bundle = await downloadBundle(settings.redis, run.id, 'checkpoint');
      if (bundle) unpackBundle(bundle, runDir);
    }
    const resumedFromStep = resumableStep(runDir);
    log(
      `worker ${settings.identity}: ${run.label} seed ${run.seed}${resumedFromStep ? `, resuming from the checkpoint at step ${resumedFromStep}` : ''}`,
    );

    let lastProgress = 0;
    let trained: TrainedRun;
    try {
      trained = await trainRun(run.config, runDir, {
        container: settings.container,
        backend: settings.backend,
        signal: settings.stopSignal,
        say: log,
        source: `job ${run.id}`,
        onStep: (step, steps) => {
          if (Date.now() - lastProgress < 1000) return;
          lastProgress = Date.now();
          const progress: RunJobProgress = { step, steps, worker: settings.identity };
          job.updateProgress(progress as unknown as object).catch(() => undefined);
        },
        onCheckpoint: async () => {
          if (!inPlace)
            await uploadBundle(
              settings.redis,
              run.id,
              'checkpoint',
              checkpointBundle(runDir, settings.capBytes, run.id),
            );
        },
      });
    } catch (e) {
      const message = (e as Error).message;
      log(`failed: ${message}`);
      if (!inPlace && !(e instanceof TransferTooLargeError))
        await uploadResults(settings, run.id, runDir).catch(() => undefined);
      refuse(message);
    }
    const { result } = trained;
    log(
      `run ${result.status} after ${result.steps} steps (${result.wallSeconds.toFixed(1)} s)${result.error ? `: ${result.error.message}` : ''}`,
    );
    if (trained.interrupted) {
      // The checkpoint is uploaded (or in place); another worker resumes from it.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    if (!inPlace) await uploadResults(settings, run.id, runDir);
    if (result.status === 'failed') refuse(`run failed: ${result.error?.message ?? 'see its train.log'}`);
    return { status: 'completed', steps: result.steps, worker: settings.identity, resumedFromStep, inPlace };
  };
}

/** Uploads the finished run directory and drops the now useless checkpoint bundle. */
async function uploadResults(settings: JobSettings, runId: string, runDir: string): Promise<void> {
  await uploadBundle(settings.redis, runId, 'result', resultBundle(runDir, settings.capBytes, runId));
  await deleteBundle(settings.redis, runId, 'checkpoint');
  rmSync(runDir, { recursive: true, force: true });
}
