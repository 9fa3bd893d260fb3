import type { Redis } from 'ioredis';
import { unpackBundle } from '../transfer/bundle.js';
import { downloadBundle } from '../transfer/redis-files.js';
import { tryReadRunResult, ensureDir } from '@rankbias/core';

/**
 * Brings a settled run's directory to the coordinator: the uploaded bundle when the
 * worker sent one, otherwise the run must already be in place (shared --out).
 * Returns false when neither holds (the worker wrote to a directory we cannot see).
 */
export async function collectRunDir(redis: Redis, runId: string, dir: string): Promise<boolean> {
  const bundle = await downloadBundle(redis, runId, 'result');
  if (bundle) {
    ensureDir(dir);
    unpackBundle(bundle, dir);
    return true;
  }
  return tryReadRunResult(dir) !== undefined;
}
