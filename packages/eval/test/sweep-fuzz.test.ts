import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, isInputError } from '@rankbias/core';
import { watchPrototypes } from '@rankbias/core/testing';
import { expandSweep } from '../src/sweep/expand.js';
import { toyBase, toyRegistry } from './support/toy-plugins.js';

const SEED = 20261202;
const stats = { cases: 0, started: performance.now() };
afterAll(() =>
  console.log(`sweep fuzz: ${stats.cases} cases in ${((performance.now() - stats.started) / 1000).toFixed(1)} s`),
);

function sweepDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-sweep-fuzz-'));
  for (const [name, data] of Object.entries(files))
    writeFileSync(join(dir, name), typeof data === 'string' ? data : stringify(data));
  return dir;
}

/** Each issue of a refusal reads as one line (one issue: the whole message is one line). */
function expectLineShaped(e: unknown): void {
  if (!isInputError(e)) throw e;
  const lines = (e as Error).message.split('\n').length;
  const issues = e instanceof ConfigError ? e.issues.length : 1;
  expect(lines).toBe(issues === 1 ? 1 : issues + 1);
}

describe('sweeps: hostile grid keys and extends', () => {
  it.each([
    '__proto__.polluted',
    'model.__proto__.polluted',
    'constructor.prototype.polluted',
    'penalties[0].__proto__.polluted',
  ])('a grid key %s is refused and pollutes nothing', (key) => {
    const guard = watchPrototypes();
    const dir = sweepDir({ 'sweep.yaml': { base: toyBase, grid: { [key]: [1, 2] }, seeds: 1 } });
    expect(() => expandSweep(join(dir, 'sweep.yaml'), toyRegistry().registry)).toThrow(
      /"(__proto__|constructor)" is not allowed as a key/,
    );
    expect(guard.changes()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a sweep extends a shared sweep file; its base extends a base config', () => {
    const dir = sweepDir({
      'common.yaml': { base: './run.yaml', seeds: 3, grid: { 'model.depth': [1, 2] } },
      'toy.yaml': toyBase,
      'run.yaml': 'extends: ./toy.yaml\noptimizer: {lr: 0.5}\n',
      'sweep.yaml': 'extends: ./common.yaml\nseeds: 2\n',
    });
    const sweep = expandSweep(join(dir, 'sweep.yaml'), toyRegistry().registry);
    expect(sweep.runs).toHaveLength(2 * 2);
    expect(sweep.runs[0]!.config).toMatchObject({ optimizer: { use: 'toy-opt', lr: 0.5 }, model: { depth: 1 } });
  });
});

const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'model', 'depth', 'optimizer', 'lr', 'penalties', 'weight'),
  fc.string({ maxLength: 5 }),
);
const index = fc.oneof(fc.nat(3), fc.constantFrom(10_000, 1_000_000)).map((n) => `[${n}]`);
const keyPath = fc
  .array(fc.tuple(key, fc.option(index, { nil: '' })), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.map(([k, i]) => k + i).join('.'));
const value = fc.oneof(
  fc.integer({ min: -2, max: 5 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.boolean(),
  fc.string({ maxLength: 4 }),
  fc.constant(null),
  fc.array(fc.nat(3), { maxLength: 3 }),
);

describe('fuzz: sweep expansion', () => {
  it('expands or refuses with line-shaped input errors; prototypes untouched; nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-sweep-fuzz-'));
    const { registry } = toyRegistry();
    const heapBefore = process.memoryUsage().heapUsed;
    fc.assert(
      fc.property(
        fc.dictionary(keyPath, fc.array(value, { minLength: 1, maxLength: 3 }), { minKeys: 1, maxKeys: 3 }),
        fc.option(
          fc.array(
            fc.record({
              name: fc.string({ minLength: 1, maxLength: 4 }),
              set: fc.dictionary(keyPath, value, { maxKeys: 2 }),
            }),
            { minLength: 1, maxLength: 2 },
          ),
          { nil: undefined },
        ),
        fc.integer({ min: 1, max: 2 }),
        (grid, variants, seeds) => {
          stats.cases++;
          const guard = watchPrototypes();
          const file = join(dir, 'sweep.yaml');
          writeFileSync(file, JSON.stringify({ base: toyBase, grid, seeds, ...(variants ? { variants } : {}) }));
          try {
            const sweep = expandSweep(file, registry);
            expect(sweep.runs.length).toBeGreaterThan(0);
          } catch (e) {
            expectLineShaped(e);
          }
          expect(guard.changes()).toEqual([]);
          expect(readdirSync(dir)).toEqual(['sweep.yaml']);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 << 20);
  });
});
