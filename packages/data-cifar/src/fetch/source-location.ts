import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Where `--from` points: an http(s) URL, a local file or a local folder. */
export type SourceLocation =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'folder'; readonly path: string };

/** Classifies `--from`; undefined when the local path does not exist. */
export function sourceLocation(from: string, cwd: string): SourceLocation | undefined {
  if (/^https?:\/\//i.test(from)) return { kind: 'url', url: from };
  const path = resolve(cwd, from.replace(/^file:\/\//, ''));
  try {
    return statSync(path).isDirectory() ? { kind: 'folder', path } : { kind: 'file', path };
  } catch {
    return undefined;
  }
}
