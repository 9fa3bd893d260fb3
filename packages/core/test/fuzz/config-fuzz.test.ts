import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readConfigFile } from '../../src/config/load.js';
import { applyOverrides } from '../../src/config/overrides.js';
import { isInputError } from '../../src/errors/input-error.js';
import { watchPrototypes } from '../../src/testing/prototype-guard.js';
import { finished, startRankbias } from '../cli/run-rankbias.js';

/** Fixed seeds and run counts: the suite is reproducible and its time bounded. */
const SEED = 20261202;
const stats = { cases: 0, started: performance.now() };
afterAll(() => {
  console.log(`config fuzz: ${stats.cases} cases in ${((performance.now() - stats.started) / 1000).toFixed(1)} s`);
});

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'extends',
  '<<',
  'seed',
  'model',
  'a',
];
const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 }));
/** Index segments around the limits, as digits (huge ones included). */
const index = fc
  .oneof(fc.nat(20), fc.constantFrom(9_999, 10_000, 1_000_000, 2 ** 32, Number.MAX_SAFE_INTEGER))
  .map((n) => `[${n}]`);
const keyPath = fc
  .array(fc.tuple(key, fc.array(index, { maxLength: 2 })), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.map(([k, ix]) => k + ix.join('')).join('.'));
const scalarText = fc.oneof(
  fc.constantFrom(
    '1',
    'true',
    'null',
    '[1, 2]',
    '{a: 1}',
    '{__proto__: {x: 1}}',
    '!!js/function "f"',
    '!!binary aGk=',
    '&a [*a]',
    '[[[[[[',
    `${'['.repeat(40)}${']'.repeat(40)}`,
  ),
  fc.string({ maxLength: 12 }),
);

const data: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 8 }), fc.constant(null)),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  ),
})).node;

/** YAML-ish text: serialized hostile data, mutated with tags, anchors and brackets. */
const configText = fc.oneof(
  data.map((d) => stringify(d)),
  data.map((d) => JSON.stringify(d) ?? 'null'),
  fc
    .tuple(
      data,
      fc.constantFrom('!!js/function ', '!!js/undefined ', '!custom ', '&x ', '*x ', '<<: ', '{', '[', '__proto__: '),
      fc.nat(),
    )
    .map(([d, insert, at]) => {
      const text = stringify(d);
      const i = text.length ? at % text.length : 0;
      return text.slice(0, i) + insert + text.slice(i);
    }),
  fc.string({ maxLength: 200 }),
);

/** Runs `fn`; it must return or throw a one-line InputError, and leave the prototypes alone. */
function returnsOrRefuses(fn: () => unknown): void {
  stats.cases++;
  const guard = watchPrototypes();
  try {
    const out = fn();
    if (out && typeof out === 'object') expect(Object.getPrototypeOf(out)).toBeNull();
  } catch (e) {
    if (!isInputError(e)) throw e;
    expect((e as Error).message.split('\n')).toHaveLength(1);
  }
  expect(guard.changes()).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

/** Heap growth stays bounded over a whole property (no case may keep or allocate much). */
function boundedHeap(run: () => void): void {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  run();
  sample();
  expect(peak - before).toBeLessThan(256 << 20);
}

describe('fuzz: config parsing and overrides', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-fuzz-'));

  it('config files: parsed into null-prototype data or refused with one line', () => {
    boundedHeap(() =>
      fc.assert(
        fc.property(configText, (text) => {
          const file = join(dir, 'c.yaml');
          writeFileSync(file, text);
          returnsOrRefuses(() => readConfigFile(file));
        }),
        { seed: SEED, numRuns: 400 },
      ),
    );
  });

  it('overrides: applied through the safe setter or refused with one line', () => {
    boundedHeap(() =>
      fc.assert(
        fc.property(fc.array(fc.tuple(keyPath, scalarText), { minLength: 1, maxLength: 4 }), data, (pairs, base) => {
          const config =
            base && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
          returnsOrRefuses(() =>
            applyOverrides(
              config,
              pairs.map(([k, v]) => `${k}=${v}`),
            ),
          );
        }),
        { seed: SEED, numRuns: 600 },
      ),
    );
  });

  it('the CLI with hostile overrides: exit 2, one stderr line, nothing written', async () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'rankbias-fuzz-cli-'));
    writeFileSync(
      join(sandbox, 'tiny.yaml'),
      stringify({
        data: { use: 'gaussian-mixture', classes: 2, dim: 4, trainSize: 32, testSize: 16 },
        model: { use: 'mlp', hidden: [4] },
        optimizer: { use: 'sgd', lr: 0.1 },
        train: { steps: 2, batchSize: 8 },
      }),
    );
    const hostile = fc.oneof(
      fc
        .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), keyPath)
        .map(([bad, rest]) => `${rest}.${bad}.x=1`),
      fc.constantFrom(
        'model.hidden[1000000]=3',
        'model.x=!!js/function "f"',
        'model={__proto__: 1}',
        `a=${'['.repeat(40)}`,
      ),
    );
    const cases = fc.sample(fc.tuple(fc.array(fc.tuple(keyPath, scalarText), { maxLength: 2 }), hostile), {
      seed: SEED,
      numRuns: 4,
    });
    for (const [extra, bad] of cases) {
      stats.cases++;
      const overrides = [...extra.map(([k, v]) => `${k}=${v}`), bad];
      const run = await finished(
        startRankbias(['train', 'tiny.yaml', '--out', join(sandbox, 'run'), ...overrides], sandbox),
      );
      expect({ code: run.code, lines: run.stderr.trim().split('\n').length, overrides }).toEqual({
        code: 2,
        lines: 1,
        overrides,
      });
      expect(run.stderr).not.toMatch(/unexpected error/);
      expect(readdirSync(sandbox)).toEqual(['tiny.yaml']);
    }
  }, 300_000);
});
