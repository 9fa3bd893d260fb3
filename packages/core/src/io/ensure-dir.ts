import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function errno(code: string, path: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}, mkdir '${path}'`), { code, path, syscall: 'mkdir' });
}

/**
 * Creates folder `dir` and its missing parents, one level at a time.
 * Unlike `mkdirSync(dir, { recursive: true })`, which loops forever where
 * the file system refuses new folders without saying why (/proc), it fails
 * with an errno error naming the path: ENOTDIR when a file is in the way,
 * EINVAL where a pseudo-file system refuses the folder. Returns the first
 * folder it created (like `mkdirSync`'s recursive mode), or undefined when
 * `dir` already existed.
 */
export function ensureDir(dir: string): string | undefined {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(at).isDirectory();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.push(at);
      if (dirname(at) === at) break;
      at = dirname(at);
      continue;
    }
    if (!isDir) throw errno(at === resolve(dir) ? 'EEXIST' : 'ENOTDIR', at, 'not a folder');
    break;
  }
  let first: string | undefined;
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
      first ??= folder;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // ENOENT right after the parent was found: the file system takes no new folders there.
      if (code === 'ENOENT') throw errno('EINVAL', folder, 'the file system does not allow new folders here');
      throw e;
    }
  }
  return first;
}
