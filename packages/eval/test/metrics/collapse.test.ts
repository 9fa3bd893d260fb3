import { describe, expect, it } from 'vitest';
import { denseMatrix as matrix, fromRows } from '@rankbias/core';
import { detectCollapse, neuronVectors } from '../../src/metrics/collapse.js';

describe('neuronVectors', () => {
  it('concatenates incoming column, bias and outgoing row per neuron', () => {
    const incoming = fromRows([
      [1, 2],
      [3, 4],
    ]); // [fanIn=2, h=2]
    const outgoing = fromRows([
      [5, 6, 7],
      [8, 9, 10],
    ]); // [h=2, fanOut=3]
    const v = neuronVectors(incoming, [0.5, -0.5], outgoing);
    expect(Array.from(v[0]!)).toEqual([1, 3, 0.5, 5, 6, 7]);
    expect(Array.from(v[1]!)).toEqual([2, 4, -0.5, 8, 9, 10]);
    expect(() => neuronVectors(incoming, [1], outgoing)).toThrow(/bias/);
  });
});

describe('detectCollapse', () => {
  it('orthogonal neurons of equal norm are all independent', () => {
    const neurons = [0, 1, 2, 3].map((i) => Float64Array.from({ length: 4 }, (_, j) => (i === j ? 1 : 0)));
    const r = detectCollapse(neurons);
    expect(r.vanished).toEqual([]);
    expect(r.groups).toEqual([[0], [1], [2], [3]]);
    expect(r.independentFraction).toBe(1);
  });

  it('exact duplicates and vanished neurons are collapsed', () => {
    const a = Float64Array.from([1, 2, 3]);
    const b = Float64Array.from([-3, 0, 1]);
    const neurons = [a, b, a.slice(), Float64Array.from([0.01, 0, 0]), b.slice(), a.slice()];
    const r = detectCollapse(neurons);
    expect(r.vanished).toEqual([3]);
    expect(r.groups).toEqual([
      [0, 2, 5],
      [1, 4],
    ]);
    expect(r.duplicates).toBe(3);
    expect(r.independentFraction).toBeCloseTo(2 / 6, 12);
  });

  it('applies the thresholds as defined (distance 2|vi-vj|^2/(|vi|^2+|vj|^2))', () => {
    // |a|^2 = |b|^2 = 1, |a-b|^2 = 2(1-cos): with cos = 0.96 the distance is 0.08 < 0.1; with 0.94, 0.12.
    const unit = (c: number) => Float64Array.from([c, Math.sqrt(1 - c * c)]);
    const e1 = Float64Array.from([1, 0]);
    expect(detectCollapse([e1, unit(0.96)]).groups).toEqual([[0, 1]]);
    expect(detectCollapse([e1, unit(0.94)]).groups).toEqual([[0], [1]]);
    expect(detectCollapse([e1, unit(0.94)], { identical: 0.15 }).groups).toEqual([[0, 1]]);
    // Norm ratio 0.05 vanishes at the default 0.1, not at 0.01.
    const small = Float64Array.from([0.05, 0]);
    expect(detectCollapse([e1, small]).vanished).toEqual([1]);
    expect(detectCollapse([e1, small], { vanishing: 0.01 }).vanished).toEqual([]);
  });

  it('groups greedily: a neuron joins the first neuron that claims it', () => {
    // b is close to both a and c, a and c are not close: b joins a, c stays alone.
    const a = Float64Array.from([1, 0]);
    const b = Float64Array.from([Math.cos(0.2), Math.sin(0.2)]);
    const c = Float64Array.from([Math.cos(0.4), Math.sin(0.4)]);
    const r = detectCollapse([a, b, c]);
    expect(r.groups).toEqual([[0, 1], [2]]);
  });

  it('an all-zero layer has fully vanished', () => {
    const r = detectCollapse(neuronVectors(matrix(2, 3, [0, 0, 0, 0, 0, 0])));
    expect(r.vanished).toEqual([0, 1, 2]);
    expect(r.independentFraction).toBe(0);
  });
});
