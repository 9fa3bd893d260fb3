import { definePlugin, z, type PluginContext } from '@rankbias/core';
import { buildImageDataset, imageOptionsShape, type ImageOptions } from '../dataset/image-options.js';
import { defaultDataDir } from '../store/data-dir.js';
import { findIdxFiles, loadIdxPair, type IdxFiles } from './load-idx.js';
import { FASHION_MNIST_SOURCE, idxFetchHint, idxSearchDirs, MNIST_SOURCE } from './sources.js';
import { idxDoctor } from './doctor.js';

const noAugment = { cropPadding: 0, flip: false };

/** Fashion-MNIST class names (label order of the official files). */
export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
] as const;

/** Where Debian's `dataset-fashion-mnist` package puts its files. */
export const DEBIAN_FASHION_MNIST_DIR = FASHION_MNIST_SOURCE.systemDirs[0]!;

async function build(
  name: string,
  files: IdxFiles,
  classes: number,
  classNames: readonly string[] | undefined,
  options: ImageOptions,
  ctx: PluginContext,
  fix: string,
) {
  const train = await loadIdxPair(files.trainImages, files.trainLabels, classes, fix);
  const test = await loadIdxPair(files.testImages, files.testLabels, classes, fix);
  if (train.height !== test.height || train.width !== test.width) {
    throw new RangeError(
      `${name}: train images are ${train.height}x${train.width} but test images ${test.height}x${test.width}`,
    );
  }
  return buildImageDataset(name, { train, test, classNames }, classes, options, ctx);
}

/** Any IDX image/label files given by path. */
export const idxDataset = definePlugin({
  kind: 'dataset',
  name: 'idx',
  description:
    'MNIST-style IDX files (images idx3-ubyte + labels idx1-ubyte, optionally .gz) given by path; grayscale [H, W, 1]',
  options: z.strictObject({
    trainImages: z.string().min(1),
    trainLabels: z.string().min(1),
    testImages: z.string().min(1),
    testLabels: z.string().min(1),
    classes: z
      .number()
      .int()
      .min(2)
      .max(256)
      .default(10)
      .describe('number of classes; labels must lie in 0..classes-1'),
    ...imageOptionsShape(noAugment),
  }),
  create(options, ctx) {
    return build(
      'idx',
      options,
      options.classes,
      undefined,
      options,
      ctx,
      'Check the paths given in trainImages/trainLabels/testImages/testLabels',
    );
  },
});

function folderOptions(what: string) {
  return z.strictObject({
    dir: z.string().min(1).optional().describe(`folder holding the four ${what} IDX files (plain or .gz)`),
    ...imageOptionsShape(noAugment),
  });
}

/** Fashion-MNIST, found in Debian's package folder by default. */
export const fashionMnistDataset = definePlugin({
  kind: 'dataset',
  name: 'fashion-mnist',
  description: `Fashion-MNIST (IDX files), 28x28x1, 10 classes; found in ${DEBIAN_FASHION_MNIST_DIR} (Debian dataset-fashion-mnist) or $RANKBIAS_DATA_DIR/fashion-mnist unless "dir" is given`,
  options: folderOptions('Fashion-MNIST'),
  doctor: idxDoctor(FASHION_MNIST_SOURCE),
  create(options, ctx) {
    const dirs = options.dir ? [options.dir] : idxSearchDirs(FASHION_MNIST_SOURCE, defaultDataDir());
    const fix = idxFetchHint(FASHION_MNIST_SOURCE);
    return build('fashion-mnist', findIdxFiles(dirs, fix), 10, FASHION_MNIST_CLASSES, options, ctx, fix);
  },
});

/** MNIST digits, found in $RANKBIAS_DATA_DIR/mnist (or /usr/share/datasets/mnist) unless "dir" is given. */
export const mnistDataset = definePlugin({
  kind: 'dataset',
  name: 'mnist',
  description:
    'MNIST digits (IDX files), 28x28x1, 10 classes; found in $RANKBIAS_DATA_DIR/mnist or /usr/share/datasets/mnist unless "dir" is given',
  options: folderOptions('MNIST'),
  doctor: idxDoctor(MNIST_SOURCE),
  create(options, ctx) {
    const dirs = options.dir ? [options.dir] : idxSearchDirs(MNIST_SOURCE, defaultDataDir());
    const fix = idxFetchHint(MNIST_SOURCE);
    return build(
      'mnist',
      findIdxFiles(dirs, fix),
      10,
      Array.from({ length: 10 }, (_, i) => String(i)),
      options,
      ctx,
      fix,
    );
  },
});
