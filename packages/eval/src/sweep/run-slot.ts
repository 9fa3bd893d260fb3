import type { BoardItem, SweepRunEnd, SweepRunPaths } from '@rankbias/core';

/** How one attempt at a run ended. */
export interface SlotOutcome {
  readonly status: SweepRunEnd;
  readonly message?: string;
}

/**
 * One place runs are trained in, one at a time: a long-lived worker process,
 * or (deprecated) a process per run.
 */
export interface RunSlot {
  /** Trains `item` into `paths.root`, reporting steps done; resolves when the attempt ends (never rejects). */
  train(item: BoardItem, paths: SweepRunPaths, onStep: (step: number) => void): Promise<SlotOutcome>;
  /** Asks the run in progress to stop after its current step, with a checkpoint. */
  stop(): void;
  /** Ends the slot's process, if any. */
  close(): Promise<void>;
}
