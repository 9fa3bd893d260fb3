import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileError } from '../store/data-file-error.js';
import type { ImageStore } from '../store/image-store.js';
import { parseIdx } from './parse-idx.js';
import { readMaybeGzip } from './read-file.js';

/** The four files of an MNIST-style dataset. */
export interface IdxFiles {
  readonly trainImages: string;
  readonly trainLabels: string;
  readonly testImages: string;
  readonly testLabels: string;
}

/** Standard file names (each also found with a `.gz` suffix). */
export const STANDARD_IDX_NAMES: IdxFiles = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Reads an images file and its labels file into one store (the pixels stay in the file's buffer). */
export async function loadIdxPair(images: string, labels: string, classes: number, fix: string): Promise<ImageStore> {
  const img = parseIdx(await readMaybeGzip(images, fix), images, 3, fix);
  const lab = parseIdx(await readMaybeGzip(labels, fix), labels, 1, fix);
  const [count, height, width] = img.dims as [number, number, number];
  if (lab.dims[0] !== count) {
    throw new DataFileError(
      labels,
      `holds ${lab.dims[0]} labels but ${images} holds ${count} images`,
      `${fix} (the two files must belong together)`,
    );
  }
  const bad = lab.data.findIndex((v) => v >= classes);
  if (bad >= 0) {
    throw new DataFileError(
      labels,
      `label ${bad} is ${lab.data[bad]}, outside 0..${classes - 1}`,
      `${fix}, or set "classes"`,
    );
  }
  return { count, height, width, channels: 1, pixels: img.data, labels: lab.data };
}

/** Resolves the four standard files in the first of `dirs` that has them (plain or `.gz`). */
export function findIdxFiles(dirs: readonly string[], fix: string): IdxFiles {
  for (const dir of dirs) {
    const found: Partial<Record<keyof IdxFiles, string>> = {};
    for (const [key, name] of Object.entries(STANDARD_IDX_NAMES) as [keyof IdxFiles, string][]) {
      const hit = [join(dir, name), join(dir, `${name}.gz`)].find((p) => existsSync(p));
      if (hit) found[key] = hit;
    }
    if (Object.keys(found).length === 4) return found as IdxFiles;
  }
  const names = Object.values(STANDARD_IDX_NAMES).join(', ');
  throw new DataFileError(dirs.join(', '), `none of these folders holds all of ${names} (optionally .gz)`, fix);
}
