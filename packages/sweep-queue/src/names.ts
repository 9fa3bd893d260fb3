/** The BullMQ queue every rankbias coordinator and worker on one Redis database shares. */
export const QUEUE_NAME = 'rankbias-sweep';

/** Redis key holding one run's uploaded files of `kind` (a list of chunks). */
export function filesKey(runId: string, kind: BundleKind): string {
  return `rankbias-sweep:files:${runId}:${kind}`;
}

/** What a bundle holds: the latest checkpoint (to resume elsewhere) or the finished run directory. */
export type BundleKind = 'checkpoint' | 'result';

/** Run ids are config hashes: short and path-safe, so a job can never name a path through them. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
