import { describe, expect, it } from 'vitest';
import { cosine, cosinesWithDirection, distinctDirections, pairwiseCosineStats } from '../../src/metrics/alignment.js';

describe('alignment', () => {
  it('cosine of known angles', () => {
    expect(cosine([1, 0], [0, 3])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 14);
    expect(cosine([1, 0], [Math.cos(1), Math.sin(1)])).toBeCloseTo(Math.cos(1), 14);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });

  it('cosines with a direction', () => {
    const c = cosinesWithDirection(
      [
        [1, 0],
        [0, 1],
        [-2, 0],
      ],
      [3, 0],
    );
    expect(Array.from(c)).toEqual([1, 0, -1]);
  });

  it('pairwise stats: orthogonal set has mean |cos| 0; identical set 1', () => {
    const ortho = [
      [1, 0, 0],
      [0, 2, 0],
      [0, 0, 3],
    ];
    expect(pairwiseCosineStats(ortho)).toMatchObject({ meanAbs: 0, maxAbs: 0, pairs: 3 });
    const same = [
      [1, 2],
      [2, 4],
      [0.5, 1],
    ];
    const s = pairwiseCosineStats(same);
    expect(s.meanAbs).toBeCloseTo(1, 14);
    expect(s.mean).toBeCloseTo(1, 14);
  });

  it('counts distinct directions (sign matters, tiny neurons ignored)', () => {
    const neurons = [
      [1, 0],
      [2, 0.001],
      [-1, 0],
      [0, 1],
      [0, 0.01],
      [0.5, 0],
    ];
    expect(distinctDirections(neurons)).toBe(3);
    expect(distinctDirections(neurons, { minNormRatio: 0 })).toBe(3);
    expect(
      distinctDirections(
        [
          [1, 0],
          [Math.cos(0.3), Math.sin(0.3)],
        ],
        { cosine: 0.9 },
      ),
    ).toBe(1);
    expect(
      distinctDirections(
        [
          [1, 0],
          [Math.cos(0.3), Math.sin(0.3)],
        ],
        { cosine: 0.99 },
      ),
    ).toBe(2);
    expect(distinctDirections([[0, 0]])).toBe(0);
  });
});
