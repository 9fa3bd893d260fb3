import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { readMaybeGzip } from '../idx/read-file.js';

/** md5 (hex) of a file's bytes, streamed. */
export async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** md5 (hex) of a file's content after gunzip when it is gzip-compressed (so any re-compression verifies). */
export async function md5OfContent(path: string): Promise<string> {
  return createHash('md5')
    .update(await readMaybeGzip(path, 'Fetch it again'))
    .digest('hex');
}
