/**
 * @rankbias/data-cifar — CIFAR-10/100 (official binary distribution) and
 * MNIST-style IDX datasets as rankbias dataset plugins.
 */
export { register } from './register.js';
export { dataCifarPlugins } from './plugins.js';
export { cifar10Dataset, cifar100Dataset } from './cifar/plugins.js';
export {
  idxDataset,
  fashionMnistDataset,
  mnistDataset,
  FASHION_MNIST_CLASSES,
  DEBIAN_FASHION_MNIST_DIR,
} from './idx/plugins.js';
export {
  CIFAR10_FORMAT,
  CIFAR100_FORMAT,
  CIFAR10_CLASSES,
  cifarFormat,
  recordBytes,
  withRecordCounts,
  type CifarFile,
  type CifarFormat,
  type CifarVariant,
} from './cifar/format.js';
export { loadCifar, type CifarData, type LoadCifarOptions } from './cifar/load.js';
export { locateCifar, cifarManualStep, type LocateCifarOptions } from './cifar/locate.js';
export type { CifarLabelKind } from './cifar/record-parser.js';
export { parseIdx, type IdxArray } from './idx/parse-idx.js';
export { loadIdxPair, findIdxFiles, STANDARD_IDX_NAMES, type IdxFiles } from './idx/load-idx.js';
export { ImageDataset, type ImageDatasetSpec } from './dataset/image-dataset.js';
export { buildImageDataset, type ImageOptions } from './dataset/image-options.js';
export { splitIndices, balancedSubset, type SplitIndices, type SubsetOptions } from './dataset/subsets.js';
export { channelStatistics, STANDARD_NORMALIZATION, type ChannelNormalization } from './transforms/normalization.js';
export { drawAugmentation, type Augmentation, type AugmentDraw } from './transforms/augmentation.js';
/** @deprecated Import `noisyLabel` from @rankbias/core; removed in the next minor. */
export { noisyLabel } from '@rankbias/core';
export { allocateStore, indicesByClass, type ImageStore } from './store/image-store.js';
export { DataFileError } from './store/data-file-error.js';
export { downloadVerified, DownloadError, type DownloadRequest } from './store/download.js';
export { extractTarGz, safeEntryPath } from './store/extract-archive.js';
export { defaultDataDir } from './store/data-dir.js';
export {
  FASHION_MNIST_SOURCE,
  MNIST_SOURCE,
  idxSearchDirs,
  type IdxSource,
  type IdxFileChecksums,
} from './idx/sources.js';
export { cifarCandidates } from './cifar/locate.js';
export { dataCommand, registerDataCommand } from './commands/data-command.js';
export {
  fetchDataset,
  FETCHABLE_DATASETS,
  type FetchableDataset,
  type FetchDatasetRequest,
} from './fetch/fetch-dataset.js';
