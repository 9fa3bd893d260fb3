import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/io/canonical-json.js';
import { configHash } from '../../src/trainer/content-hash.js';

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined members', () => {
    const value = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, e: null };
    expect(canonicalJson(value)).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1,"e":null}');
    expect(canonicalJson({ y: 1, x: 2 })).toBe(canonicalJson({ x: 2, y: 1 }));
    expect(canonicalJson({ b: [1], a: 'x' }, 2)).toBe('{\n  "a": "x",\n  "b": [\n    1\n  ]\n}');
  });

  it('leaves config hashes as checkpoints recorded them (sha256 of the sorted compact JSON)', () => {
    const config = { train: { steps: 10, seed: 3 }, model: { use: 'mlp', hidden: [4, 2] }, data: { use: 'x' } };
    const byHand = '{"data":{"use":"x"},"model":{"hidden":[4,2],"use":"mlp"},"train":{"seed":3,"steps":10}}';
    expect(configHash(config)).toBe(createHash('sha256').update(byHand).digest('hex'));
  });
});
