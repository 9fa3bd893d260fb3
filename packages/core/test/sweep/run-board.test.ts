import { describe, expect, it } from 'vitest';
import { RunBoard, type SweepRun } from '../../src/index.js';

const run = (id: string): SweepRun => ({ id, group: 'g', label: id, seed: 0, params: {}, config: {} });

describe('RunBoard (the run state machine)', () => {
  it('hands out queued runs in order; queued → running → done | failed | interrupted', () => {
    const board = new RunBoard(['a', 'b', 'c'].map((id) => ({ run: run(id), resume: id === 'b' })));
    expect(board.take()?.run.id).toBe('a');
    const b = board.take()!;
    expect([b.run.id, b.resume]).toEqual(['b', true]);
    expect(board.ids('running')).toEqual(['a', 'b']);
    board.settle('a', 'completed');
    board.settle('b', 'failed');
    expect(board.take()?.run.id).toBe('c');
    expect(board.take()).toBeUndefined();
    board.settle('c', 'interrupted');
    expect([board.ids('done'), board.ids('failed'), board.ids('interrupted')]).toEqual([['a'], ['b'], ['c']]);
  });

  it('a stop interrupts what is queued but not what runs; illegal moves throw', () => {
    const board = new RunBoard(['a', 'b'].map((id) => ({ run: run(id), resume: false })));
    board.take();
    board.stopQueued();
    expect(board.stateOf('b')).toBe('interrupted');
    expect(board.take()).toBeUndefined();
    expect(() => board.settle('b', 'completed')).toThrow(/illegal move interrupted → done/);
    board.settle('a', 'completed');
    expect(() => board.settle('a', 'failed')).toThrow(/illegal move done → failed/);
    expect(() => board.settle('zzz', 'failed')).toThrow(/unknown/);
  });
});
