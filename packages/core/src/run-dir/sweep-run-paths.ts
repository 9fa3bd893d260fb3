import { join } from 'node:path';
import { runDirPaths, type RunDirPaths } from './paths.js';

/** A sweep run's directory: the trainer's files plus those the sweep adds. */
export interface SweepRunPaths extends RunDirPaths {
  /** Written by the sweep: id, group, label, seed, params. */
  readonly sweepRun: string;
  /** The config the run is trained with. */
  readonly trainConfig: string;
  /** What the training process printed. */
  readonly log: string;
}

/** Paths of run `id` of the sweep writing to `outDir` (`<outDir>/runs/<id>`). */
export function sweepRunPaths(outDir: string, id: string): SweepRunPaths {
  const root = join(outDir, 'runs', id);
  return {
    ...runDirPaths(root),
    sweepRun: join(root, 'sweep-run.json'),
    trainConfig: join(root, 'train-config.json'),
    log: join(root, 'train.log'),
  };
}
