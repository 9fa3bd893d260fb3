/**
 * One compact store of 8-bit images and their labels: every pixel of every
 * record lives once, in `pixels`, planar (channel, row, column) per record as
 * CIFAR stores it. Batches are built from it on demand; nothing else holds a
 * copy of the images.
 */
export interface ImageStore {
  /** Number of records. */
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** `count * channels * height * width` bytes, record after record, each planar (C, H, W). */
  readonly pixels: Uint8Array;
  /** One class id per record. */
  readonly labels: Uint8Array;
}

/** Bytes of one record's pixels. */
export function recordPixels(store: Pick<ImageStore, 'height' | 'width' | 'channels'>): number {
  return store.height * store.width * store.channels;
}

/** An empty store for `count` records of the given shape (filled by a parser). */
export function allocateStore(count: number, height: number, width: number, channels: number): ImageStore {
  return {
    count,
    height,
    width,
    channels,
    pixels: new Uint8Array(count * height * width * channels),
    labels: new Uint8Array(count),
  };
}

/** Record indices grouped by class id (`classes` lists, in store order). */
export function indicesByClass(labels: Uint8Array, classes: number): number[][] {
  const out: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) out[labels[i]!]!.push(i);
  return out;
}
