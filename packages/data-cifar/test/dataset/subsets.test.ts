import { createRng } from '@rankbias/core';
import { describe, expect, it } from 'vitest';
import { splitIndices } from '../../src/dataset/subsets.js';

const labels = Uint8Array.from({ length: 100 }, (_, i) => (i * 7) % 5);
const testLabels = Uint8Array.from({ length: 30 }, (_, i) => i % 5);

describe('splitIndices', () => {
  it('holds out a seeded validation set disjoint from a class-balanced train subset', () => {
    const s = splitIndices(labels, testLabels, 5, { validation: 20, perClass: 6, testPerClass: 2 }, createRng(1));
    expect(s.validation.length).toBe(20);
    expect(s.train.length).toBe(30);
    expect(s.test.length).toBe(10);
    const val = new Set(s.validation);
    for (const i of s.train) expect(val.has(i)).toBe(false);
    const perClass = [0, 0, 0, 0, 0];
    for (const i of s.train) perClass[labels[i]!]++;
    expect(perClass).toEqual([6, 6, 6, 6, 6]);
    const testPer = [0, 0, 0, 0, 0];
    for (const i of s.test) testPer[testLabels[i]!]++;
    expect(testPer).toEqual([2, 2, 2, 2, 2]);
  });

  it('is a function of the seed', () => {
    const a = splitIndices(labels, testLabels, 5, { validation: 10, perClass: 4 }, createRng(7));
    const b = splitIndices(labels, testLabels, 5, { validation: 10, perClass: 4 }, createRng(7));
    const c = splitIndices(labels, testLabels, 5, { validation: 10, perClass: 4 }, createRng(8));
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(Array.from(a.validation)).toEqual(Array.from(b.validation));
    expect(Array.from(a.train)).not.toEqual(Array.from(c.train));
  });

  it('keeps everything by default and explains impossible requests', () => {
    const s = splitIndices(labels, testLabels, 5, { validation: 0 }, createRng(1));
    expect(Array.from(s.train)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(s.test.length).toBe(30);
    expect(() => splitIndices(labels, testLabels, 5, { validation: 0, perClass: 21 }, createRng(1))).toThrow(
      /class \d has only 20 records, fewer than perClass = 21/,
    );
    expect(() => splitIndices(labels, testLabels, 5, { validation: 100 }, createRng(1))).toThrow(/holds out every one/);
  });
});
