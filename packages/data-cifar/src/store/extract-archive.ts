import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { ensureDir } from '@rankbias/core';
import { checkArchiveEntry } from './archive-entry.js';
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

/** What an extraction created, so that a failed one can remove it all. */
class CreatedPaths {
  private readonly files: string[] = [];
  private readonly folders: string[] = [];

  async folder(path: string): Promise<void> {
    const first = ensureDir(path);
    if (first) this.folders.push(first);
  }

  file(path: string): void {
    this.files.push(path);
  }

  get written(): string[] {
    return [...this.files];
  }

  async removeAll(): Promise<void> {
    for (const f of this.files) await rm(f, { force: true });
    for (const d of this.folders.reverse()) await rm(d, { recursive: true, force: true });
  }
}

/**
 * Unpacks a `.tar.gz` into `target`, streaming. Only regular files and
 * folders inside the archive root are written; an entry whose path would
 * leave `target` (absolute, `..`), a link or a device is refused with an
 * error naming it. When extraction fails for any reason (a refused entry, a
 * truncated or damaged archive), every file and folder it created is
 * removed: nothing partial is left behind. Returns the paths written.
 */
export async function extractTarGz(archive: string, target: string): Promise<string[]> {
  const created = new CreatedPaths();
  const extractor = tarExtract();
  const input = createReadStream(archive);
  const gunzip = createGunzip();
  input.on('error', (e) => extractor.destroy(e));
  gunzip.on('error', (e) => extractor.destroy(e));
  input.pipe(gunzip).pipe(extractor);
  try {
    for await (const entry of extractor) {
      checkArchiveEntry(archive, entry.header);
      const out = safeEntryPath(target, entry.header.name);
      if (!out) {
        entry.resume();
        continue; // the archive root itself ("./")
      }
      if (entry.header.type === 'directory') {
        await created.folder(out);
        entry.resume();
      } else {
        await created.folder(dirname(out));
        const file = createWriteStream(out);
        file.once('open', () => created.file(out)); // only files this extraction opened are removed on failure
        await pipeline(entry, file);
      }
    }
  } catch (e) {
    input.destroy();
    await created.removeAll();
    if (e instanceof DataFileError) throw e;
    throw new DataFileError(
      archive,
      `cannot be read as a gzip-compressed tar archive (${e instanceof Error ? e.message : String(e)})`,
      'Download it again',
    );
  }
  return created.written;
}
