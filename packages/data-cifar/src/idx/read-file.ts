import { readFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { DataFileError } from '../store/data-file-error.js';

/** Largest data an IDX file may declare (EMNIST, the largest IDX set, holds about 550 MB). */
export const MAX_IDX_BYTES = 1 << 30;

/**
 * Bytes an IDX file's header declares in all (header plus data), from the
 * first inflated bytes; undefined while the header is incomplete. Shape
 * problems are left to `parseIdx`, which names them.
 */
function declaredBytes(head: Uint8Array): number | undefined {
  if (head.length < 4) return undefined;
  if (head[0] !== 0 || head[1] !== 0) return Infinity;
  const rank = head[3]!;
  const header = 4 + 4 * rank;
  if (head.length < header) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let size = 1;
  for (let i = 0; i < rank; i++) size *= view.getUint32(4 + 4 * i, false);
  return header + size;
}

const MAX_HEADER = 4 + 4 * 255;

/**
 * Inflates gzip `raw` with an output limit derived from the IDX header it
 * holds: inflation stops as soon as the output passes the size the header
 * declares, so a small gzip bomb is refused with bounded memory. A header
 * that is not IDX stops inflation after the header bytes (`parseIdx` then
 * names the problem); the exact size check is `parseIdx`'s.
 */
function inflateIdx(raw: Uint8Array, path: string, fix: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip({ chunkSize: 64 * 1024 });
    const chunks: Buffer[] = [];
    let total = 0;
    let declared: number | undefined;
    const stop = (outcome: () => void) => {
      gunzip.removeAllListeners('data');
      gunzip.destroy();
      outcome();
    };
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (declared === undefined) {
        declared = declaredBytes(Buffer.concat(chunks, total).subarray(0, MAX_HEADER));
        if (declared === Infinity) return stop(() => resolve(Buffer.concat(chunks, total).subarray(0, MAX_HEADER)));
        if (declared !== undefined && declared > MAX_IDX_BYTES) {
          return stop(() =>
            reject(
              new DataFileError(
                path,
                `declares ${declared} bytes, over the limit of ${MAX_IDX_BYTES} for an IDX file`,
                fix,
              ),
            ),
          );
        }
      }
      // one byte past the declared size is enough for parseIdx to report trailing bytes
      if (total > (declared ?? MAX_HEADER) + 1) {
        const what = declared === undefined ? 'an incomplete header' : `${declared} bytes`;
        stop(() =>
          reject(
            new DataFileError(
              path,
              `inflates to more than its header declares (${what}); refusing it (a damaged file or a gzip bomb)`,
              fix,
            ),
          ),
        );
      }
    });
    gunzip.on('error', (e) => reject(new DataFileError(path, `is a damaged gzip file (${e.message})`, fix)));
    gunzip.on('end', () => {
      const out = Buffer.concat(chunks, total);
      resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
    });
    gunzip.end(raw);
  });
}

/** Reads a file, decompressing it when it is gzip (by its magic bytes, whatever its name), with a bounded output. */
export async function readMaybeGzip(path: string, fix: string): Promise<Uint8Array> {
  const raw = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    throw new DataFileError(path, e.code === 'ENOENT' ? 'does not exist' : `cannot be read (${e.message})`, fix);
  });
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) return inflateIdx(raw, path, fix);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
