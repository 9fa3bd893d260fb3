import { definePlugin, z } from '@rankbias/core';
import { buildImageDataset, imageOptionsShape } from '../dataset/image-options.js';
import { CIFAR10_CLASSES, CIFAR100_FORMAT, CIFAR10_FORMAT } from './format.js';
import { loadCifar } from './load.js';
import { cifarDoctor } from './doctor.js';
import { locateCifar } from './locate.js';

const sourceShape = {
  path: z
    .string()
    .min(1)
    .optional()
    .describe(
      'the official binary .tar.gz, or the folder of .bin batch files (default: look in $RANKBIAS_DATA_DIR or ~/.cache/rankbias)',
    ),
  download: z.boolean().default(false).describe('download the official archive (md5-verified) when it is not found'),
  dataDir: z
    .string()
    .min(1)
    .optional()
    .describe('where to look for / download the archive (default $RANKBIAS_DATA_DIR or ~/.cache/rankbias)'),
};
const augmentDefaults = { cropPadding: 4, flip: true };

/** CIFAR-10 from the official binary distribution. */
export const cifar10Dataset = definePlugin({
  kind: 'dataset',
  name: 'cifar10',
  description:
    'CIFAR-10 (binary distribution: folder of batches or the .tar.gz), 32x32x3, 10 classes; normalised, seeded crop/flip augmentation, label noise, balanced subsets',
  options: z.strictObject({ ...sourceShape, ...imageOptionsShape(augmentDefaults) }),
  doctor: cifarDoctor(CIFAR10_FORMAT),
  async create(options, ctx) {
    const path = await locateCifar(CIFAR10_FORMAT, options);
    const stores = await loadCifar({ path, format: CIFAR10_FORMAT });
    return buildImageDataset(
      'cifar10',
      { ...stores, classNames: stores.classNames ?? CIFAR10_CLASSES },
      10,
      options,
      ctx,
    );
  },
});

/** CIFAR-100 (fine or coarse labels) from the official binary distribution. */
export const cifar100Dataset = definePlugin({
  kind: 'dataset',
  name: 'cifar100',
  description:
    'CIFAR-100 (binary distribution), 32x32x3, 100 fine or 20 coarse classes; normalised, seeded crop/flip augmentation, label noise, balanced subsets',
  options: z.strictObject({
    ...sourceShape,
    labels: z
      .enum(['fine', 'coarse'])
      .default('fine')
      .describe('fine (100 classes) or coarse (20 superclasses) labels'),
    ...imageOptionsShape(augmentDefaults),
  }),
  doctor: cifarDoctor(CIFAR100_FORMAT),
  async create(options, ctx) {
    const path = await locateCifar(CIFAR100_FORMAT, options);
    const stores = await loadCifar({ path, format: CIFAR100_FORMAT, label: options.labels });
    return buildImageDataset('cifar100', stores, options.labels === 'fine' ? 100 : 20, options, ctx);
  },
});
