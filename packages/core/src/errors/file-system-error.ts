import { InputError } from './input-error.js';

/** What an errno code means for the path it names, in words a user can act on. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist (or is a dangling symbolic link)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EEXIST: 'already exists and is not a folder',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'has too many levels of symbolic links (a link loop?)',
  ENAMETOOLONG: 'the name is too long',
  EINVAL: 'not possible here (a pseudo-file system such as /proc or /sys?)',
  ENOTEMPTY: 'the folder is not empty',
  EBUSY: 'is busy',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EXDEV: 'cannot move across file systems',
  ETXTBSY: 'is busy',
};

/** An error from the file system that names a path the user gave or caused. */
export class FileSystemInputError extends InputError {
  constructor(
    readonly path: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'FileSystemInputError';
  }
}

interface ErrnoLike {
  readonly code?: unknown;
  readonly path?: unknown;
  readonly dest?: unknown;
  readonly syscall?: unknown;
}

/**
 * The one mapping from Node's file-system errors (ENOENT, EACCES, ENOTDIR,
 * EROFS, ...) to a one-line `InputError` naming the path and what is wrong;
 * undefined for anything else (a programming error keeps its stack trace).
 */
export function fileSystemInputError(error: unknown): FileSystemInputError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, dest, syscall } = error as ErrnoLike;
  if (typeof code !== 'string' || typeof path !== 'string' || !(code in REASONS)) return undefined;
  const target = typeof dest === 'string' ? `${path} → ${dest}` : path;
  const action = typeof syscall === 'string' ? ` (${syscall})` : '';
  return new FileSystemInputError(
    path,
    code,
    `cannot use ${target}: ${REASONS[code]}${action} [${code}]; check the path and its permissions, or choose another location`,
  );
}
