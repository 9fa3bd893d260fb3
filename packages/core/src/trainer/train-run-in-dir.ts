import type { DependencyContainer } from 'tsyringe';
import { describeBackend, selectBackend } from '../backend/select-backend.js';
import { describeLinalg, selectLinalg } from '../backend/linalg.js';
import { stopOnAbort } from '../callbacks/stop-on-abort.js';
import { resolveConfig } from '../config/resolve.js';
import type { BackendChoice } from '../config/schema.js';
import type { Callback } from '../contracts/callback.js';
import type { RunResult } from '../contracts/result.js';
import { PluginRegistry } from '../registry/registry.js';
import { runDirPaths } from '../run-dir/paths.js';
import { acquireProcessLock } from '../run-dir/process-lock.js';
import { runDirState, wasInterrupted } from '../run-dir/run-state.js';
import type { ProgressListener } from './context.js';
import { runTraining } from './run-training.js';

/** How `trainRunInDir` trains. */
export interface TrainRunInDirOptions {
  /** Container with the plugins the config names. */
  readonly container: DependencyContainer;
  /** Continue from the directory's checkpoint. Default: when the directory holds a resumable run. */
  readonly resume?: boolean;
  /** Aborting it stops the run after the step in progress, with a checkpoint; the directory stays resumable. */
  readonly signal?: AbortSignal;
  /** Overrides the config's `backend`. */
  readonly backend?: BackendChoice;
  readonly callbacks?: readonly Callback[];
  readonly onProgress?: ProgressListener;
  /** Receives the one line describing the backend in use. */
  readonly say?: (line: string) => void;
  /** Names the config in validation errors (default: the run directory). */
  readonly source?: string;
}

/** What became of the run. */
export interface TrainedRun {
  readonly result: RunResult;
  /** Continued from a checkpoint. */
  readonly resumed: boolean;
  /** Stopped by the signal; resuming continues it. */
  readonly interrupted: boolean;
}

/**
 * Trains one run in this process: validates the plain `config` against the
 * container's plugins, activates its backend and trains into `runDir`,
 * resuming when the directory holds a checkpoint of this run, while holding
 * the directory's run lock (a second live trainer is refused). What both
 * `rankbias train` and long-lived sweep workers call.
 */
export async function trainRunInDir(
  config: Readonly<Record<string, unknown>>,
  runDir: string,
  options: TrainRunInDirOptions,
): Promise<TrainedRun> {
  const raw = options.backend ? { ...config, backend: options.backend } : { ...config };
  const resolved = resolveConfig(raw, new PluginRegistry(options.container), options.source ?? runDir);
  const backend = await selectBackend(resolved.backend);
  options.say?.(describeBackend(backend));
  const linalg = await selectLinalg(resolved.linalg ?? 'auto');
  if (linalg.notable) options.say?.(describeLinalg(linalg));
  const lock = acquireProcessLock(runDirPaths(runDir).lock, `run directory ${runDir}`);
  try {
    const resume = options.resume ?? runDirState(runDir) === 'resumable';
    const result = await runTraining(resolved, {
      container: options.container,
      outDir: runDir,
      resume,
      backend: backend.name,
      callbacks: [...(options.callbacks ?? []), ...(options.signal ? [stopOnAbort(options.signal)] : [])],
      onProgress: options.onProgress,
    });
    return { result, resumed: resume, interrupted: wasInterrupted(result) };
  } finally {
    lock.release();
  }
}
