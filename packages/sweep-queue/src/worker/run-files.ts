import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { hasCheckpoint, runDirPaths } from '@rankbias/core';
import { listFiles, packBundle } from '../transfer/bundle.js';

/** What another worker needs to resume a run: its config, metrics so far and latest checkpoint. */
const CHECKPOINT_FILES = ['config.json', 'metrics.jsonl', 'checkpoints/latest'];

/** The run directory's resumable state as a bundle (capped). */
export function checkpointBundle(runDir: string, capBytes: number, runId: string): Buffer {
  return packBundle(runDir, listFiles(runDir, CHECKPOINT_FILES), capBytes, `the checkpoint of run ${runId}`);
}

/** The whole run directory as a bundle (capped): what the coordinator stores as the run's results. */
export function resultBundle(runDir: string, capBytes: number, runId: string): Buffer {
  return packBundle(runDir, listFiles(runDir), capBytes, `the results of run ${runId} (metrics, checkpoint, saved model)`);
}

/** The step of the run's committed, unfinished checkpoint; 0 when there is none to resume from. */
export function resumableStep(runDir: string): number {
  const latest = runDirPaths(runDir).latestCheckpoint;
  if (!hasCheckpoint(latest)) return 0;
  for (const dir of [latest, `${latest}.previous`]) {
    const manifest = join(dir, 'manifest.json');
    if (!existsSync(manifest)) continue;
    const state = (JSON.parse(readFileSync(manifest, 'utf8')) as { state?: { step?: number; finished?: unknown } }).state;
    return state?.finished ? 0 : (state?.step ?? 0);
  }
  return 0;
}

/** Removes a `result.json` that only records an interruption, so the run reads as resumable. */
export function forgetResult(runDir: string): void {
  rmSync(runDirPaths(runDir).result, { force: true });
}
