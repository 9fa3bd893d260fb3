import { InputError } from '@rankbias/core';
import { CIFAR100_FORMAT, CIFAR10_FORMAT } from '../cifar/format.js';
import { FASHION_MNIST_SOURCE, MNIST_SOURCE } from '../idx/sources.js';
import { fetchCifar } from './fetch-cifar.js';
import { fetchIdx } from './fetch-idx.js';
import type { FetchOptions } from './fetch-options.js';
import { sourceLocation } from './source-location.js';

/** The datasets `rankbias data fetch` knows. */
export const FETCHABLE_DATASETS = ['fashion-mnist', 'mnist', 'cifar10', 'cifar100'] as const;
export type FetchableDataset = (typeof FETCHABLE_DATASETS)[number];

export interface FetchDatasetRequest extends FetchOptions {
  readonly dataset: FetchableDataset;
  /** A local file or folder, or an http(s) URL; the official source when omitted. */
  readonly from?: string;
  /** Directory relative `from` paths are resolved against. */
  readonly cwd: string;
}

/** Fetches one dataset into the data directory, verified; returns the files written. */
export async function fetchDataset(request: FetchDatasetRequest): Promise<string[]> {
  const from = request.from === undefined ? undefined : sourceLocation(request.from, request.cwd);
  if (request.from !== undefined && !from) {
    throw new InputError(`--from ${request.from}: no such file or folder (give a local path or an http(s) URL)`);
  }
  switch (request.dataset) {
    case 'fashion-mnist':
      return fetchIdx(FASHION_MNIST_SOURCE, from, request);
    case 'mnist':
      return fetchIdx(MNIST_SOURCE, from, request);
    case 'cifar10':
      return fetchCifar(CIFAR10_FORMAT, from, request);
    case 'cifar100':
      return fetchCifar(CIFAR100_FORMAT, from, request);
  }
}
