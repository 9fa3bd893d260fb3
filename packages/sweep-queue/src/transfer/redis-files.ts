import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { filesKey, type BundleKind } from '../names.js';

/** Bundles travel in 1 MiB chunks: no single Redis reply or command grows with the run. */
export const CHUNK_BYTES = 2 ** 20;

/**
 * Stores `bundle` as the run's `kind` files: chunks go to a fresh key that is then
 * renamed over the old one, so a reader sees the previous bundle or the new one, never a mix.
 */
export async function uploadBundle(redis: Redis, runId: string, kind: BundleKind, bundle: Buffer): Promise<void> {
  const key = filesKey(runId, kind);
  const staging = `${key}:upload:${randomUUID()}`;
  try {
    for (let at = 0; at < Math.max(1, bundle.length); at += CHUNK_BYTES) {
      await redis.rpush(staging, bundle.subarray(at, Math.min(bundle.length, at + CHUNK_BYTES)));
    }
    await redis.rename(staging, key);
  } catch (e) {
    await redis.del(staging).catch(() => undefined);
    throw e;
  }
}

/** The run's `kind` bundle, or undefined when none was uploaded (one LRANGE: atomic against a concurrent rename). */
export async function downloadBundle(redis: Redis, runId: string, kind: BundleKind): Promise<Buffer | undefined> {
  const chunks = await redis.lrangeBuffer(filesKey(runId, kind), 0, -1);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

/** Forgets the run's `kind` bundle. */
export async function deleteBundle(redis: Redis, runId: string, kind: BundleKind): Promise<void> {
  await redis.del(filesKey(runId, kind));
}
