import { describe, expect, it } from 'vitest';
import { plainProgress } from '../../src/sweep/progress.js';

describe('plain-text sweep progress (not a terminal)', () => {
  it('prints a status line with percent, counts and ETA at most once per interval, and every run line', () => {
    let clock = 0;
    const out: string[] = [];
    const progress = plainProgress(1000, (t) => out.push(t), { everyMs: 60_000, now: () => clock });
    const counts = (done: number, running: number) => ({ runs: 4, done, running, failed: 0 });
    clock = 30_000;
    progress.update(100, counts(0, 2)); // first observation, before the interval: nothing
    clock = 61_000;
    progress.update(250, counts(0, 2)); // 150 steps in 31 s: 750 left → 155 s
    clock = 90_000;
    progress.update(400, counts(1, 2)); // within the interval: nothing
    progress.line('[1/4] a seed 0: completed in 60.0s (x)');
    clock = 125_000;
    progress.update(500, counts(2, 2)); // 400 steps in 95 s since the first: 500 left → 119 s
    expect(out).toEqual([
      'compare: 25% of steps | runs 0/4 done, 2 running, 0 failed | ETA 2m35s\n',
      '[1/4] a seed 0: completed in 60.0s (x)\n',
      'compare: 50% of steps | runs 2/4 done, 2 running, 0 failed | ETA 1m59s\n',
    ]);
  });
});
