import { posix } from 'node:path';
import { DataFileError } from './data-file-error.js';

/** The tar entry fields that decide whether an entry is safe to read. */
export interface ArchiveEntryHeader {
  readonly name: string;
  readonly type?: string | null;
}

/**
 * The entry's path inside the archive root, normalized (`./a//b` → `a/b`),
 * for a regular file or a folder; any other entry is refused, naming it: an
 * absolute path, a `..` segment, a link or a device. Archives from the
 * official sources hold none of these.
 */
export function checkArchiveEntry(archive: string, header: ArchiveEntryHeader): string {
  const { name, type } = header;
  const segments = name.split(/[\\/]+/);
  if (posix.isAbsolute(name) || /^[a-zA-Z]:/.test(name) || name.startsWith('\\') || segments.includes('..')) {
    throw new DataFileError(
      archive,
      `entry "${name}" points outside the archive root; refusing it`,
      'Use the official archive; this one may be malicious',
    );
  }
  if (type !== 'file' && type !== 'directory') {
    throw new DataFileError(
      archive,
      `entry "${name}" is a ${type ?? 'entry of unknown type'}, not a regular file; refusing it`,
      'Use the official archive',
    );
  }
  if (type === 'file' && /[\\/]$/.test(name)) {
    throw new DataFileError(
      archive,
      `entry "${name}" is a file with a folder's name; refusing it`,
      'Use the official archive',
    );
  }
  return segments.filter((s) => s !== '' && s !== '.').join('/');
}
