import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError, ensureDir } from '@rankbias/core';
import { byteProgress } from './byte-progress.js';

export interface DownloadRequest {
  readonly url: string;
  /** Where the verified file ends up. */
  readonly target: string;
  /** Expected md5 (hex). */
  readonly md5: string;
  /** What a user does by hand when downloading fails. */
  readonly manualStep: string;
  /** Injected for tests; defaults to the global `fetch`. */
  readonly fetchImpl?: typeof fetch;
  /** Progress lines (bytes so far, percent and ETA, at most one every 2 s); none when absent. */
  readonly log?: (line: string) => void;
  /** The name progress lines start with (default: the file name in the URL). */
  readonly label?: string;
}

/** Thrown when a download fails or does not match its checksum. */
export class DownloadError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

/**
 * Downloads `url` to `target` through a `.part` file, hashing while writing;
 * the file is moved into place only when its md5 matches. Offline, or on any
 * failure, the error says what to do by hand.
 */
export async function downloadVerified(request: DownloadRequest): Promise<string> {
  const part = `${request.target}.part`;
  ensureDir(dirname(request.target));
  let response: Response;
  try {
    response = await (request.fetchImpl ?? fetch)(request.url);
  } catch (e) {
    const reason = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new DownloadError(
      `cannot download ${request.url} (${reason}); the network looks unreachable. ${request.manualStep}`,
    );
  }
  if (!response.ok || !response.body) {
    throw new DownloadError(`downloading ${request.url} failed with HTTP ${response.status}. ${request.manualStep}`);
  }
  const hash = createHash('md5');
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const progress = request.log
    ? byteProgress(request.label ?? basename(new URL(request.url).pathname), request.log)
    : undefined;
  let received = 0;
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    received += chunk.length;
    progress?.onBytes(received, total);
  });
  try {
    await pipeline(body, createWriteStream(part));
  } catch (e) {
    await rm(part, { force: true });
    throw new DownloadError(
      `download of ${request.url} was interrupted (${e instanceof Error ? e.message : String(e)}). ${request.manualStep}`,
    );
  }
  progress?.done(received);
  const digest = hash.digest('hex');
  if (digest !== request.md5) {
    await rm(part, { force: true });
    throw new DownloadError(
      `${request.url} downloaded with md5 ${digest}, expected ${request.md5}; the file was discarded. ${request.manualStep}`,
    );
  }
  await rename(part, request.target);
  return request.target;
}
