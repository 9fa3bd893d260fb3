import { join } from 'node:path';
import type { IdxFiles } from './load-idx.js';

/** Checksums of one official IDX file. */
export interface IdxFileChecksums {
  /** md5 of the `.gz` as the official site serves it. */
  readonly gzMd5: string;
  /** md5 of the decompressed file: holds for any re-compression (Debian's package re-gzips the files). */
  readonly md5: string;
}

/** Where an MNIST-style dataset comes from and where rankbias looks for it. */
export interface IdxSource {
  readonly dataset: 'fashion-mnist' | 'mnist';
  /** Folder under the data directory that `rankbias data fetch` fills. */
  readonly folder: string;
  /** Official download location of the four `.gz` files. */
  readonly baseUrl: string;
  readonly checksums: Readonly<Record<keyof IdxFiles, IdxFileChecksums>>;
  /** Folders of system packages, searched too (Debian's `dataset-fashion-mnist`). */
  readonly systemDirs: readonly string[];
  /** Whether the system folders are searched before the data directory. */
  readonly systemFirst: boolean;
  /** How to get it from a system package manager, when one ships it. */
  readonly systemPackage?: string;
}

/** Fashion-MNIST: zalandoresearch/fashion-mnist's files and published md5s. */
export const FASHION_MNIST_SOURCE: IdxSource = {
  dataset: 'fashion-mnist',
  folder: 'fashion-mnist',
  baseUrl: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
  checksums: {
    trainImages: { gzMd5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d', md5: 'f4a8712d7a061bf5bd6d2ca38dc4d50a' },
    trainLabels: { gzMd5: '25c81989df183df01b3e8a0aad5dffbe', md5: '9018921c3c673c538a1fc5bad174d6f9' },
    testImages: { gzMd5: 'bef4ecab320f06d8554ea6380940ec79', md5: '8181f5470baa50b63fa0f6fddb340f0a' },
    testLabels: { gzMd5: 'bb300cfdad3c16e7a12a480ee83cd310', md5: '15d484375f8d13e6eb1aabb0c3f46965' },
  },
  systemDirs: ['/usr/share/datasets/fashion-mnist'],
  systemFirst: true,
  systemPackage: 'apt-get install dataset-fashion-mnist',
};

/** MNIST digits: the official files as mirrored for torchvision (yann.lecun.com no longer serves them reliably). */
export const MNIST_SOURCE: IdxSource = {
  dataset: 'mnist',
  folder: 'mnist',
  baseUrl: 'https://ossci-datasets.s3.amazonaws.com/mnist/',
  checksums: {
    trainImages: { gzMd5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873', md5: '6bbc9ace898e44ae57da46a324031adb' },
    trainLabels: { gzMd5: 'd53e105ee54ea40749a09fcbcd1e9432', md5: 'a25bea736e30d166cdddb491f175f624' },
    testImages: { gzMd5: '9fb629c4189551a2d022fa330f9573f3', md5: '2646ac647ad5339dbf082846283269ea' },
    testLabels: { gzMd5: 'ec29112dd5afa0611ce80d1b7f02629c', md5: '27ae3e4e09519cfbb04c329615203637' },
  },
  systemDirs: ['/usr/share/datasets/mnist'],
  systemFirst: false,
};

/** The folders a loader searches, in order, when no `dir` is given. */
export function idxSearchDirs(source: IdxSource, dataDir: string): string[] {
  const cache = join(dataDir, source.folder);
  return source.systemFirst ? [...source.systemDirs, cache] : [cache, ...source.systemDirs];
}

/** The fix printed when the files are not found. */
export function idxFetchHint(source: IdxSource): string {
  const system = source.systemPackage ? ` (or ${source.systemPackage})` : '';
  return `Get it with "npx rankbias data fetch ${source.dataset}"${system}, or set "dir" to a folder holding the four IDX files`;
}
