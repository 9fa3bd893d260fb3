import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError } from '@rankbias/core';
import { expandSweep, gridPoints, setKeyPath } from '../src/sweep/expand.js';
import { canonicalJson, stableHash } from '../src/sweep/hash.js';
import { toyBase, toyRegistry } from './support/toy-plugins.js';

function sweepFile(content: unknown, extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-sweep-'));
  for (const [name, data] of Object.entries(extra)) writeFileSync(join(dir, name), stringify(data));
  const file = join(dir, 'sweep.yaml');
  writeFileSync(file, stringify(content));
  return file;
}

describe('sweep expansion', () => {
  it('grid points are the cartesian product, last key fastest', () => {
    expect(gridPoints({ a: [1, 2], b: ['x', 'y', 'z'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
    expect(gridPoints({})).toEqual([{}]);
  });

  it('setKeyPath writes nested keys and array entries', () => {
    const c: Record<string, unknown> = { penalties: [{ use: 'p', weight: 0 }] };
    setKeyPath(c, 'penalties[0].weight', 0.5);
    setKeyPath(c, 'optimizer.lr', 1);
    expect(c).toEqual({ penalties: [{ use: 'p', weight: 0.5 }], optimizer: { lr: 1 } });
  });

  it('hashes are stable under key order and differ with content', () => {
    expect(stableHash({ a: 1, b: { c: 2, d: 3 } })).toBe(stableHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(stableHash({ a: 1 })).not.toBe(stableHash({ a: 2 }));
    expect(canonicalJson({ b: 1, a: undefined, c: [{ z: 1, y: 2 }] })).toBe('{"b":1,"c":[{"y":2,"z":1}]}');
    expect(stableHash({ a: 1 })).toMatch(/^[0-9a-f]{12}$/);
  });

  it('expands grid × variants × seeds with resolved configs, shared groups across seeds', () => {
    const { registry } = toyRegistry();
    const file = sweepFile(
      {
        base: 'base.yaml',
        grid: { 'model.depth': [1, 3], 'penalties[0].weight': [0, 0.1] },
        variants: [
          { name: 'fast', set: { 'optimizer.lr': 0.5 } },
          { name: 'slow', set: { 'optimizer.lr': 0.01 } },
        ],
        seeds: 2,
      },
      { 'base.yaml': toyBase },
    );
    const sweep = expandSweep(file, registry);
    expect(sweep.axes).toEqual(['variant', 'model.depth', 'penalties[0].weight']);
    expect(sweep.runs).toHaveLength(2 * 2 * 2 * 2);
    const first = sweep.runs[0]!;
    expect(first.label).toBe('fast · model.depth=1 · penalties[0].weight=0');
    expect(first.params).toEqual({ variant: 'fast', 'model.depth': 1, 'penalties[0].weight': 0 });
    expect(first.config).toMatchObject({
      seed: 0,
      model: { use: 'toy-model', depth: 1 },
      optimizer: { lr: 0.5 },
      data: { n: 10 },
    });
    expect(sweep.runs[1]!.seed).toBe(1);
    expect(sweep.runs[1]!.group).toBe(first.group);
    expect(sweep.runs[1]!.id).not.toBe(first.id);
    expect(new Set(sweep.runs.map((r) => r.group)).size).toBe(8);
    expect(new Set(sweep.runs.map((r) => r.id)).size).toBe(16);
    // expanding again gives the same ids (stable across processes)
    expect(expandSweep(file, registry).runs.map((r) => r.id)).toEqual(sweep.runs.map((r) => r.id));
  });

  it('a resolved default and an explicit equal value give the same run id', () => {
    const { registry } = toyRegistry();
    const a = expandSweep(sweepFile({ base: toyBase, seeds: [3] }), registry).runs[0]!;
    const b = expandSweep(sweepFile({ base: { ...toyBase, data: { use: 'toy-data', n: 10 } }, seeds: [3] }), registry)
      .runs[0]!;
    expect(a.id).toBe(b.id);
  });

  it('reports sweep-file problems with their paths', () => {
    const { registry } = toyRegistry();
    const err = (content: unknown) => {
      try {
        expandSweep(sweepFile(content), registry);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(err({ grid: {} })).toMatch(/base:/);
    expect(err({ base: toyBase, grid: { 'optimizer.lr': [] } })).toMatch(
      /grid\.optimizer\.lr: give at least one value/,
    );
    expect(err({ base: toyBase, seeds: [-1] })).toMatch(/seeds/);
    expect(err({ base: toyBase, target: { metric: 'x', mode: 'lowest' } })).toMatch(/target\.mode/);
    expect(err({ base: toyBase, gird: {} })).toMatch(/unknown key\(s\) "gird"/);
    expect(err({ base: 'missing.yaml' })).toMatch(/base.*file not found/s);
    expect(err({ base: toyBase, grid: { 'optimizer[lr]': [1] } })).toMatch(
      /grid\.optimizer\[lr\]: not a valid key path/,
    );
  });

  it('validates every expanded config and names the group, seed and config path', () => {
    const { registry } = toyRegistry();
    let message = '';
    try {
      expandSweep(
        sweepFile({ base: toyBase, grid: { 'optimizer.lr': [0.1, -1], 'model.widht': [2] }, seeds: [0, 1] }),
        registry,
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[optimizer\.lr=0\.1 · model\.widht=2, seed 0\] model: unknown key\(s\) "widht"/);
    expect(message).toMatch(/\[optimizer\.lr=-1 · model\.widht=2, seed 0\] optimizer\.lr/);
    // one report per group, not per seed
    expect(message.match(/seed 1\]/g)).toBeNull();
  });
});
