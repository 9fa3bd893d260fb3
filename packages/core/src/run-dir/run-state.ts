import { existsSync, readFileSync } from 'node:fs';
import type { RunResult } from '../contracts/result.js';
import { hasCheckpoint, readCheckpointState } from '../trainer/checkpoint.js';
import { runDirPaths } from './paths.js';

/**
 * Prefix of the stop reason of a run stopped by Ctrl-C, SIGTERM or an abort
 * signal. Such a run is not finished: its directory is resumable.
 */
export const INTERRUPTED_STOP_REASON = 'interrupted';

/** Where a run directory stands: done, failed, interrupted with a checkpoint to resume from, or not started. */
export type RunDirState = 'completed' | 'stopped' | 'failed' | 'resumable' | 'pending';

/** What to do with a run in a given state. */
export type RunAction = 'skip' | 'fresh' | 'resume' | 'leave-failed';

/** `result.json` of a run directory, or undefined when absent or unreadable (a run killed while writing has none). */
export function tryReadRunResult(root: string): (RunResult & { stopReason?: string }) | undefined {
  const file = runDirPaths(root).result;
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunResult & { stopReason?: string };
  } catch {
    return undefined;
  }
}

/** True for a `result.json` of a run stopped by an interrupt (not by a callback such as early stopping). */
export function wasInterrupted(result: { status: string; stopReason?: string }): boolean {
  return result.status === 'stopped' && (result.stopReason ?? '').startsWith(INTERRUPTED_STOP_REASON);
}

/**
 * The state of a run directory. A run with a result is done (`completed`,
 * `stopped` by a callback) or `failed`; an interrupted one, or one without a
 * result but with a config and a committed checkpoint of an unfinished run,
 * is `resumable`; anything else starts afresh (`pending`): a checkpoint
 * written as the run completed would only replay the end.
 */
export function runDirState(root: string): RunDirState {
  const paths = runDirPaths(root);
  const result = tryReadRunResult(root);
  if (result && !wasInterrupted(result)) return result.status;
  if (!existsSync(paths.config) || !hasCheckpoint(paths.latestCheckpoint)) return 'pending';
  const state = readCheckpointState(paths.latestCheckpoint);
  return state?.finished ? 'pending' : 'resumable';
}

/** What to do with a run in `state`: done runs are skipped, failed ones re-run only with `retry`. */
export function planRunAction(state: RunDirState, retry: boolean): RunAction {
  if (state === 'completed' || state === 'stopped') return 'skip';
  if (state === 'failed') return retry ? 'fresh' : 'leave-failed';
  return state === 'resumable' ? 'resume' : 'fresh';
}
