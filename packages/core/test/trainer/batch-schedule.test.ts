import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/rng/rng.js';
import { BatchSchedule } from '../../src/trainer/index.js';

describe('batch schedule', () => {
  it('each epoch is a fresh permutation; the incomplete tail is dropped', () => {
    const s = new BatchSchedule(10, 3, createRng(1));
    const epochs: number[][] = [];
    for (let e = 0; e < 3; e++) {
      const seen: number[] = [];
      for (let b = 0; b < 3; b++) seen.push(...s.next());
      epochs.push(seen);
      expect(new Set(seen).size).toBe(9);
    }
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(s.state().epoch).toBe(2);
  });

  it('the same seed gives the same order; restoring a state continues the same sequence', () => {
    const a = new BatchSchedule(10, 4, createRng(3));
    const b = new BatchSchedule(10, 4, createRng(3));
    for (let i = 0; i < 5; i++) expect(Array.from(b.next())).toEqual(Array.from(a.next()));
    const state = JSON.parse(JSON.stringify(a.state()));
    const expected = Array.from({ length: 7 }, () => Array.from(a.next()));
    const c = new BatchSchedule(10, 4, createRng(99));
    c.restore(state);
    expect(Array.from({ length: 7 }, () => Array.from(c.next()))).toEqual(expected);
  });

  it("'full' uses every example in order at every step", () => {
    const s = new BatchSchedule(5, 'full', createRng(0));
    expect(Array.from(s.next())).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(s.next())).toEqual([0, 1, 2, 3, 4]);
    expect(s.state().epoch).toBe(1);
  });

  it('advance() leaves the schedule where next() would, without the copy', () => {
    const a = new BatchSchedule(10, 4, createRng(5));
    const b = new BatchSchedule(10, 4, createRng(5));
    for (let i = 0; i < 5; i++) {
      a.next();
      b.advance();
      expect(b.state()).toEqual(a.state());
    }
    expect(Array.from(b.next())).toEqual(Array.from(a.next()));
  });

  it('a batch larger than the split is an error that names the fix', () => {
    expect(() => new BatchSchedule(10, 64, createRng(0))).toThrow(
      /batchSize 64 exceeds the 10 training examples.*batchSize: full/,
    );
  });
});
