import type { DependencyContainer } from 'tsyringe';
import type { Callback } from '../contracts/callback.js';
import type { Logger } from '../contracts/logger.js';

export type ProgressListener = (step: number, totalSteps: number, values: Readonly<Record<string, number>>) => void;

export interface RunTrainingOptions {
  /** Container where the plugins are registered (core's and every plugin package's `register`). */
  readonly container: DependencyContainer;
  /** Run directory: config.json, metrics.jsonl, result.json, checkpoints/. Without it nothing is written. */
  readonly outDir?: string;
  /** Continue the run in `outDir` from its latest checkpoint. */
  readonly resume?: boolean;
  /** Name of the tfjs backend the caller selected (recorded in result.json and given to plugins). */
  readonly backend: string;
  /** Loggers besides those of `config.loggers`. */
  readonly loggers?: readonly Logger[];
  /** Callbacks besides those of `config.callbacks` (called after them). */
  readonly callbacks?: readonly Callback[];
  /** Called after every step with the loss terms. */
  readonly onProgress?: ProgressListener;
}
