/**
 * The official CIFAR binary distribution, as documented on
 * https://www.cs.toronto.edu/~kriz/cifar.html ("binary version, suitable for C
 * programs"). Each record is `labelBytes` label bytes followed by 3072 pixel
 * bytes: the red, green and blue 32×32 planes, row-major.
 */
export type CifarVariant = 'cifar10' | 'cifar100';

export interface CifarFile {
  /** File name inside the batches directory / archive. */
  readonly name: string;
  readonly split: 'train' | 'test';
  /** Records the file must hold. */
  readonly records: number;
}

export interface CifarFormat {
  readonly variant: CifarVariant;
  /** Label bytes per record: 1 (CIFAR-10) or 2 (CIFAR-100: coarse, then fine). */
  readonly labelBytes: number;
  readonly pixelBytes: number;
  readonly files: readonly CifarFile[];
  /** Directory the archive unpacks to. */
  readonly folder: string;
  /** Archive name and where to get it. */
  readonly archive: string;
  readonly url: string;
  /** md5 of the archive as published on the CIFAR page. */
  readonly md5: string;
  /** Text files listing class names, one a line (`fine` for CIFAR-100). */
  readonly labelNameFiles: { readonly fine: string; readonly coarse?: string };
}

export const PIXEL_BYTES = 32 * 32 * 3;

export const CIFAR10_FORMAT: CifarFormat = {
  variant: 'cifar10',
  labelBytes: 1,
  pixelBytes: PIXEL_BYTES,
  files: [
    ...[1, 2, 3, 4, 5].map((i) => ({ name: `data_batch_${i}.bin`, split: 'train' as const, records: 10000 })),
    { name: 'test_batch.bin', split: 'test', records: 10000 },
  ],
  folder: 'cifar-10-batches-bin',
  archive: 'cifar-10-binary.tar.gz',
  url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
  md5: 'c32a1d4ab5d03f1284b67883e8d87530',
  labelNameFiles: { fine: 'batches.meta.txt' },
};

export const CIFAR100_FORMAT: CifarFormat = {
  variant: 'cifar100',
  labelBytes: 2,
  pixelBytes: PIXEL_BYTES,
  files: [
    { name: 'train.bin', split: 'train', records: 50000 },
    { name: 'test.bin', split: 'test', records: 10000 },
  ],
  folder: 'cifar-100-binary',
  archive: 'cifar-100-binary.tar.gz',
  url: 'https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz',
  md5: '03b5dce01913d631647c71ecec9e9cb8',
  labelNameFiles: { fine: 'fine_label_names.txt', coarse: 'coarse_label_names.txt' },
};

export function cifarFormat(variant: CifarVariant): CifarFormat {
  return variant === 'cifar10' ? CIFAR10_FORMAT : CIFAR100_FORMAT;
}

export function recordBytes(format: CifarFormat): number {
  return format.labelBytes + format.pixelBytes;
}

/** A copy of `format` whose files hold `records` records each (small fixtures, partial sets). */
export function withRecordCounts(format: CifarFormat, records: (file: CifarFile) => number): CifarFormat {
  return { ...format, files: format.files.map((f) => ({ ...f, records: records(f) })) };
}

export const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;
