import { shuffledIndices, type Rng, type RngState } from '../rng/rng.js';

/** Where the schedule stands; enough to regenerate the current epoch's order. */
export interface BatchScheduleState {
  /** Index of the current epoch (−1 before the first batch). */
  readonly epoch: number;
  /** Examples of the current epoch already used. */
  readonly position: number;
  /** State of the shuffle generator before it drew the current epoch's permutation. */
  readonly rngAtEpochStart: RngState | null;
}

/**
 * Seeded epoch-by-epoch shuffling of the training split: each epoch is a
 * fresh permutation drawn from `rng`; a batch takes the next `batchSize`
 * examples and an epoch's incomplete tail is dropped. `full` uses every
 * example, in order, at every step (full-batch gradient descent).
 */
export class BatchSchedule {
  private epoch = -1;
  private position = 0;
  private rngAtEpochStart: RngState | null = null;
  private order: Int32Array | null = null;
  private readonly size: number;

  constructor(
    private readonly examples: number,
    batchSize: number | 'full',
    private readonly rng: Rng,
  ) {
    if (examples <= 0) throw new RangeError('the train split is empty: the dataset has no training examples');
    if (batchSize !== 'full' && batchSize > examples) {
      throw new RangeError(
        `train.batchSize ${batchSize} exceeds the ${examples} training examples; use train.batchSize: full or a value <= ${examples}`,
      );
    }
    this.size = batchSize === 'full' ? examples : batchSize;
  }

  get full(): boolean {
    return this.size === this.examples;
  }

  /** Indices of the next batch (a fresh array the caller may keep). */
  next(): Int32Array {
    const start = this.advance();
    return this.order!.slice(start, start + this.size);
  }

  /**
   * Moves past the next batch without copying its indices (a fixed full batch
   * already built) and returns where it starts in the epoch's order: the state
   * then is exactly as after `next()`.
   */
  advance(): number {
    if (this.order === null || this.position + this.size > this.examples) this.startEpoch();
    const start = this.position;
    this.position += this.size;
    return start;
  }

  private startEpoch(): void {
    this.epoch += 1;
    this.position = 0;
    if (this.full) {
      this.order ??= Int32Array.from({ length: this.examples }, (_, i) => i);
      return;
    }
    this.rngAtEpochStart = this.rng.state();
    this.order = shuffledIndices(this.examples, this.rng);
  }

  state(): BatchScheduleState {
    return { epoch: this.epoch, position: this.position, rngAtEpochStart: this.rngAtEpochStart };
  }

  restore(state: BatchScheduleState): void {
    this.epoch = state.epoch;
    this.position = state.position;
    this.rngAtEpochStart = state.rngAtEpochStart;
    if (this.full) {
      this.order = state.epoch >= 0 ? Int32Array.from({ length: this.examples }, (_, i) => i) : null;
    } else if (state.rngAtEpochStart) {
      this.rng.setState(state.rngAtEpochStart);
      this.order = shuffledIndices(this.examples, this.rng);
    } else {
      this.order = null;
    }
  }
}
