import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DataFileError } from '../store/data-file-error.js';

const gunzipAsync = promisify(gunzip);

/** Reads a file, decompressing it when it is gzip (by its magic bytes, whatever its name). */
export async function readMaybeGzip(path: string, fix: string): Promise<Uint8Array> {
  const raw = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    throw new DataFileError(path, e.code === 'ENOENT' ? 'does not exist' : `cannot be read (${e.message})`, fix);
  });
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      const out = await gunzipAsync(raw);
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (e) {
      throw new DataFileError(path, `is a damaged gzip file (${e instanceof Error ? e.message : String(e)})`, fix);
    }
  }
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
