import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { DataFileError } from './data-file-error.js';

/** Where entry `name` lands under `target`, or undefined when it would escape it (absolute, `..`). */
export function safeEntryPath(target: string, name: string): string | undefined {
  if (isAbsolute(name) || /^[a-zA-Z]:/.test(name)) return undefined;
  const root = resolve(target);
  const out = resolve(root, name);
  const rel = relative(root, out);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return undefined;
  return out;
}

/**
 * Unpacks a `.tar.gz` into `target`, streaming. Only regular files and
 * folders are written; an entry whose path would leave `target` (absolute,
 * `..`) or a link is refused with an error and nothing more is written.
 * Returns the paths written.
 */
export async function extractTarGz(archive: string, target: string): Promise<string[]> {
  const written: string[] = [];
  const extractor = tarExtract();
  const input = createReadStream(archive);
  const gunzip = createGunzip();
  input.on('error', (e) => extractor.destroy(e));
  gunzip.on('error', (e) => extractor.destroy(e));
  input.pipe(gunzip).pipe(extractor);
  try {
    for await (const entry of extractor) {
      const { name, type } = entry.header;
      const out = safeEntryPath(target, name);
      if (!out) {
        throw new DataFileError(archive, `entry "${name}" points outside ${target}; refusing to extract it`, 'Use the official archive; this one may be malicious');
      }
      if (type === 'directory') {
        await mkdir(out, { recursive: true });
        entry.resume();
      } else if (type === 'file') {
        await mkdir(dirname(out), { recursive: true });
        await pipeline(entry, createWriteStream(out));
        written.push(out);
      } else {
        throw new DataFileError(archive, `entry "${name}" is a ${type}, not a regular file; refusing to extract it`, 'Use the official archive');
      }
    }
  } catch (e) {
    input.destroy();
    if (e instanceof DataFileError) throw e;
    throw new DataFileError(archive, `cannot be read as a gzip-compressed tar archive (${e instanceof Error ? e.message : String(e)})`, 'Download it again');
  }
  return written;
}
