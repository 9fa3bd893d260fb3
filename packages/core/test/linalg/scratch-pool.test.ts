import { describe, expect, it } from 'vitest';
import { ScratchPool } from '../../src/index.js';

describe('ScratchPool', () => {
  it('hands a given-back buffer to the next taker of its length, never to two holders at once', () => {
    const pool = new ScratchPool((n) => new Float64Array(n));
    const a = pool.take(4);
    const b = pool.take(4);
    expect(b).not.toBe(a);
    pool.giveBack(a);
    expect(pool.take(3)).not.toBe(a); // another length: a new buffer
    const again = pool.take(4);
    expect(again).toBe(a);
    expect(pool.take(4)).not.toBe(a); // a is held again
  });

  it('keeps at most keepPerLength buffers of a length, and a buffer given back twice only once', () => {
    const pool = new ScratchPool((n) => new Float32Array(n), 2);
    const [a, b, c] = [pool.take(8), pool.take(8), pool.take(8)];
    pool.giveBack(a, a, b, c);
    const taken = new Set([pool.take(8), pool.take(8), pool.take(8)]);
    expect(taken.size).toBe(3);
    expect([a, b].every((x) => taken.has(x))).toBe(true);
    expect(taken.has(c)).toBe(false);
  });
});
