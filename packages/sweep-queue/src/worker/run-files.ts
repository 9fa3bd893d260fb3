import { listFiles, packBundle } from '../transfer/bundle.js';

/** What another worker needs to resume a run: its config, metrics so far and latest checkpoint. */
const CHECKPOINT_FILES = ['config.json', 'metrics.jsonl', 'checkpoints/latest'];

/** The run directory's resumable state as a bundle (capped). */
export function checkpointBundle(runDir: string, capBytes: number, runId: string): Buffer {
  return packBundle(runDir, listFiles(runDir, CHECKPOINT_FILES), capBytes, `the checkpoint of run ${runId}`);
}

/** The whole run directory as a bundle (capped): what the coordinator stores as the run's results. */
export function resultBundle(runDir: string, capBytes: number, runId: string): Buffer {
  return packBundle(
    runDir,
    listFiles(runDir),
    capBytes,
    `the results of run ${runId} (metrics, checkpoint, saved model)`,
  );
}
