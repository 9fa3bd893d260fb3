import type { ImageStore } from '../store/image-store.js';

/** Per-channel affine map applied to pixels scaled to [0, 1]: `(p / 255 − mean[c]) / std[c]`. */
export interface ChannelNormalization {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/** Mean and (population) standard deviation per channel over the records `indices` of `store`. */
export function channelStatistics(store: ImageStore, indices: ArrayLike<number>): ChannelNormalization {
  const plane = store.height * store.width;
  const rec = plane * store.channels;
  const sum = new Float64Array(store.channels);
  const sq = new Float64Array(store.channels);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k]! * rec;
    for (let c = 0; c < store.channels; c++) {
      let s = 0;
      let q = 0;
      const start = base + c * plane;
      for (let p = start; p < start + plane; p++) {
        const v = store.pixels[p]!;
        s += v;
        q += v * v;
      }
      sum[c] += s;
      sq[c] += q;
    }
  }
  const n = indices.length * plane;
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < store.channels; c++) {
    const m = sum[c]! / n;
    const variance = Math.max(sq[c]! / n - m * m, 0);
    mean.push(m / 255);
    std.push(Math.sqrt(variance) / 255 || 1);
  }
  return { mean, std };
}

/** The identity map (pixels scaled to [0, 1] only). */
export const NO_NORMALIZATION: ChannelNormalization = { mean: [0, 0, 0], std: [1, 1, 1] };

/** Published statistics of the full training sets. */
export const STANDARD_NORMALIZATION: Readonly<Record<string, ChannelNormalization>> = {
  cifar10: { mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616] },
  cifar100: { mean: [0.5071, 0.4865, 0.4409], std: [0.2673, 0.2564, 0.2762] },
  mnist: { mean: [0.1307], std: [0.3081] },
  'fashion-mnist': { mean: [0.286], std: [0.353] },
};
