import { z } from '@rankbias/core';
import { RUN_ID_PATTERN } from './names.js';

/**
 * What a queue job carries: plain data describing one run. Workers never take a
 * path, a module or code from a job; the config is validated with train's schema.
 */
export const runJobSchema = z.strictObject({
  id: z.string().regex(RUN_ID_PATTERN, 'a run id is 1–64 letters, digits, "-" or "_"'),
  label: z.string().max(500),
  seed: z.number().int(),
  config: z.record(z.string(), z.unknown()),
});

export type RunJob = z.infer<typeof runJobSchema>;

/** What a worker returns for a finished run (BullMQ stores it as the job's return value). */
export interface RunJobResult {
  readonly status: 'completed';
  readonly steps: number;
  /** Worker that finished the run: `host:pid`. */
  readonly worker: string;
  /** Step of the checkpoint this worker resumed from (0: trained from scratch). */
  readonly resumedFromStep: number;
  /** True when the worker wrote the run directory in place (shared --out) instead of uploading it. */
  readonly inPlace: boolean;
}

/** Job progress reported while training. */
export interface RunJobProgress {
  readonly step: number;
  readonly steps: number;
  readonly worker: string;
}
