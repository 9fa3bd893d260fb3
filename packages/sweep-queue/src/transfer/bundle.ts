import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { InputError, ensureDir } from '@rankbias/core';

/** A bundle is a JSON index (length-prefixed) followed by the files' bytes: a tiny tar without links or modes. */
interface BundleEntry {
  readonly path: string;
  readonly size: number;
}

/** Raised when a run's files exceed the transfer cap; the fix is a shared output directory. */
export class TransferTooLargeError extends InputError {
  constructor(what: string, bytes: number, capBytes: number) {
    super(
      `${what} is ${mib(bytes)} MiB, over the ${mib(capBytes)} MiB cap for files sent through Redis: ` +
        'start the workers and the coordinator with the same shared --out directory (e.g. on NFS) so runs are written in place, ' +
        'or raise the cap with --transfer-cap-mb',
    );
  }
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

/** Files under `root` (relative POSIX paths), optionally limited to the given top-level entries. */
export function listFiles(root: string, only?: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = join(root, rel);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(abs);
    } catch {
      return; // listed entries may be absent (no model for a failed run)
    }
    if (st.isDirectory()) for (const name of readdirSync(abs).sort()) walk(rel ? `${rel}/${name}` : name);
    else if (st.isFile()) out.push(rel);
  };
  if (only) for (const top of only) walk(top);
  else walk('');
  return out;
}

/** Packs `files` (relative to `root`) into one buffer; throws TransferTooLargeError over `capBytes`. */
export function packBundle(root: string, files: readonly string[], capBytes: number, what: string): Buffer {
  const entries: BundleEntry[] = files.map((path) => ({ path, size: statSync(join(root, path)).size }));
  const total = entries.reduce((s, e) => s + e.size, 0);
  if (total > capBytes) throw new TransferTooLargeError(what, total, capBytes);
  const index = Buffer.from(JSON.stringify(entries));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(index.length);
  return Buffer.concat([head, index, ...files.map((f) => readFileSync(join(root, f)))]);
}

/**
 * A bundle entry's destination inside `root`, refusing anything that would land outside it
 * (absolute paths, `..`, backslashes): bundles come from the network.
 */
export function safeDestination(root: string, path: string): string {
  const normal = posix.normalize(path);
  if (
    !path ||
    path.includes('\\') ||
    path.includes('\0') ||
    isAbsolute(path) ||
    normal !== path ||
    normal.startsWith('../') ||
    normal === '..'
  ) {
    throw new InputError(
      `refused a transferred file named "${path}": only plain paths inside the run directory are accepted`,
    );
  }
  const dest = resolve(root, ...normal.split('/'));
  const rel = relative(resolve(root), dest);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw new InputError(`refused a transferred file named "${path}": it lies outside the run directory`);
  }
  return dest;
}

/** Writes a bundle's files under `root` (every path checked first, so a bad bundle writes nothing). */
export function unpackBundle(bundle: Buffer, root: string): string[] {
  const indexLength = bundle.readUInt32BE(0);
  const entries = JSON.parse(bundle.subarray(4, 4 + indexLength).toString('utf8')) as BundleEntry[];
  const targets = entries.map((e) => safeDestination(root, e.path));
  let offset = 4 + indexLength;
  entries.forEach((entry, i) => {
    const target = targets[i]!;
    ensureDir(dirname(target));
    const fd = openSync(target, 'w');
    try {
      writeSync(fd, bundle, offset, entry.size);
    } finally {
      closeSync(fd);
    }
    offset += entry.size;
  });
  return entries.map((e) => e.path);
}
