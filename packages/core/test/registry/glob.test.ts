import { describe, expect, it } from 'vitest';
import { globMatch, matchesAny } from '../../src/registry/glob.js';

const names = ['hidden_0/kernel', 'hidden_0/bias', 'hidden_1/kernel', 'hidden_2/kernel', 'output/kernel', 'end-to-end'];
const pick = (...patterns: string[]) => names.filter((n) => matchesAny(patterns, n));

describe('weight-name globs', () => {
  it('* spans any run, / included; ? is one character', () => {
    expect(pick('hidden_*')).toEqual(['hidden_0/kernel', 'hidden_0/bias', 'hidden_1/kernel', 'hidden_2/kernel']);
    expect(pick('*/kernel')).toEqual(['hidden_0/kernel', 'hidden_1/kernel', 'hidden_2/kernel', 'output/kernel']);
    expect(pick('hidden_?/bias')).toEqual(['hidden_0/bias']);
    expect(globMatch('*r*', 'depth-mirror')).toBe(true);
  });

  it('braces and character classes select several layers', () => {
    expect(pick('{hidden_1,output}/kernel')).toEqual(['hidden_1/kernel', 'output/kernel']);
    expect(pick('hidden_[01]/kernel')).toEqual(['hidden_0/kernel', 'hidden_1/kernel']);
    expect(pick('hidden_[1-9]/kernel')).toEqual(['hidden_1/kernel', 'hidden_2/kernel']);
  });

  it('a plain name matches only itself (dots and dashes are literal)', () => {
    expect(pick('end-to-end')).toEqual(['end-to-end']);
    expect(globMatch('a.b', 'axb')).toBe(false);
    expect(pick('nothing')).toEqual([]);
  });
});
