import type { SweepRun, SweepRunEnd } from '../contracts/sweep-executor.js';

/** Where a run of a sweep stands during one execution. */
export type BoardState = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

/** The moves a run may make: queued → running → done | failed | interrupted; queued → interrupted on a stop. */
const MOVES: Readonly<Record<BoardState, readonly BoardState[]>> = {
  queued: ['running', 'interrupted'],
  running: ['done', 'failed', 'interrupted'],
  done: [],
  failed: [],
  interrupted: [],
};

const END_STATE: Readonly<Record<SweepRunEnd, BoardState>> = {
  completed: 'done',
  failed: 'failed',
  interrupted: 'interrupted',
};

/** A run to train and whether it continues from its checkpoint. */
export interface BoardItem {
  readonly run: SweepRun;
  readonly resume: boolean;
}

/**
 * The runs of one sweep execution and their states. Executors take queued
 * runs (first come, first served), settle them when their attempt ends, and
 * stop what is still queued when interrupted; an illegal move throws (it
 * would be a bug in the executor).
 */
export class RunBoard {
  private readonly states = new Map<string, BoardState>();
  private readonly items: readonly BoardItem[];

  constructor(items: readonly BoardItem[]) {
    this.items = items;
    for (const { run } of items) this.states.set(run.id, 'queued');
  }

  /** The next queued run, now running; undefined when none is queued. */
  take(): BoardItem | undefined {
    const item = this.items.find(({ run }) => this.states.get(run.id) === 'queued');
    if (item) this.move(item.run.id, 'running');
    return item;
  }

  /** Ends a running run's attempt. */
  settle(id: string, end: SweepRunEnd): void {
    this.move(id, END_STATE[end]);
  }

  /** Nothing queued starts any more (Ctrl-C); running runs settle as their attempts end. */
  stopQueued(): void {
    for (const [id, state] of this.states) if (state === 'queued') this.move(id, 'interrupted');
  }

  stateOf(id: string): BoardState | undefined {
    return this.states.get(id);
  }

  /** Ids in `state`, in the order the runs were given. */
  ids(state: BoardState): string[] {
    return this.items.map(({ run }) => run.id).filter((id) => this.states.get(id) === state);
  }

  count(state: BoardState): number {
    return this.ids(state).length;
  }

  get size(): number {
    return this.items.length;
  }

  private move(id: string, to: BoardState): void {
    const from = this.states.get(id);
    if (!from || !MOVES[from].includes(to)) throw new Error(`run ${id}: illegal move ${from ?? '(unknown)'} → ${to}`);
    this.states.set(id, to);
  }
}
