import type { Rng } from '@rankbias/core';

/** Training-time image augmentation (torchvision's RandomCrop(padding) + RandomHorizontalFlip). */
export interface Augmentation {
  /** Zero padding on every side before a random crop back to the original size; 0 disables cropping. */
  readonly cropPadding: number;
  /** Mirror left–right with probability 1/2. */
  readonly flip: boolean;
}

/** One example's draw: shift of the crop window and whether to mirror. */
export interface AugmentDraw {
  readonly dy: number;
  readonly dx: number;
  readonly flip: boolean;
}

export const IDENTITY_DRAW: AugmentDraw = { dy: 0, dx: 0, flip: false };

/** Draws one example's crop offset (each in −padding..padding) and flip, in that order, from `rng`. */
export function drawAugmentation(aug: Augmentation, rng: Rng): AugmentDraw {
  const p = aug.cropPadding;
  const dy = p > 0 ? rng.int(2 * p + 1) - p : 0;
  const dx = p > 0 ? rng.int(2 * p + 1) - p : 0;
  const flip = aug.flip ? rng.next() < 0.5 : false;
  return { dy, dx, flip };
}
