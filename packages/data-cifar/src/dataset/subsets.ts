import { shuffledIndices, type Rng } from '@rankbias/core';

/** Which records of the train and test stores each split uses. */
export interface SplitIndices {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

export interface SubsetOptions {
  /** Training records held out as the validation split (seeded choice). */
  readonly validation: number;
  /** Keep this many training records of every class (seeded choice among the non-validation records). */
  readonly perClass?: number;
  /** Keep this many test records of every class (seeded choice). */
  readonly testPerClass?: number;
}

/**
 * Takes `perClass` records of each class from `order` (a seeded permutation),
 * keeping their order in `order`. Throws naming the class that is short.
 */
export function balancedSubset(
  order: Int32Array,
  labels: Uint8Array,
  classes: number,
  perClass: number,
  what: string,
): Int32Array {
  const taken = new Int32Array(classes);
  const out: number[] = [];
  for (const i of order) {
    const c = labels[i]!;
    if (taken[c]! < perClass) {
      taken[c]! += 1;
      out.push(i);
    }
  }
  const short = [...taken].findIndex((t) => t < perClass);
  if (short >= 0) {
    throw new RangeError(
      `${what}: class ${short} has only ${taken[short]} records, fewer than perClass = ${perClass}; lower perClass (or the validation hold-out)`,
    );
  }
  return Int32Array.from(out);
}

/** Seeded train/validation/test index sets over the train and test stores. */
export function splitIndices(
  trainLabels: Uint8Array,
  testLabels: Uint8Array,
  classes: number,
  options: SubsetOptions,
  rng: Rng,
): SplitIndices {
  const n = trainLabels.length;
  if (options.validation >= n) {
    throw new RangeError(
      `validation = ${options.validation} holds out every one of the ${n} training records; use fewer`,
    );
  }
  const order = shuffledIndices(n, rng.fork('validation'));
  const validation = order.slice(0, options.validation).sort();
  const rest = order.slice(options.validation);
  const train =
    options.perClass === undefined
      ? rest.slice().sort()
      : balancedSubset(rest, trainLabels, classes, options.perClass, 'train split').sort();
  const test =
    options.testPerClass === undefined
      ? Int32Array.from({ length: testLabels.length }, (_, i) => i)
      : balancedSubset(
          shuffledIndices(testLabels.length, rng.fork('test')),
          testLabels,
          classes,
          options.testPerClass,
          'test split',
        ).sort();
  return { train, validation, test };
}
