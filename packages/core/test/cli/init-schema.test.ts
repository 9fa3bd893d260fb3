import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SWEEP_STARTER, TRAIN_STARTER } from '../../src/cli/init/templates.js';
import { runRankbiasInProcess } from './run-rankbias.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'rankbias-init-'));

describe('rankbias init', () => {
  it('writes the commented train starter, which trains as written (dry run)', async () => {
    const dir = scratch();
    const run = await runRankbiasInProcess(['init'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${join(dir, 'rankbias.yaml')}`);
    expect(readFileSync(join(dir, 'rankbias.yaml'), 'utf8')).toBe(TRAIN_STARTER);
    const dry = await runRankbiasInProcess(['train', 'rankbias.yaml', '--dry-run'], dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('gaussian-mixture');
  }, 60_000);

  it('writes a sweep starter to the name given', async () => {
    const dir = scratch();
    expect((await runRankbiasInProcess(['init', 'sweep', 'lr.yaml'], dir)).code).toBe(0);
    expect(parse(readFileSync(join(dir, 'lr.yaml'), 'utf8'))).toMatchObject({
      grid: { 'optimizer.lr': [0.001, 0.003, 0.01] },
      seeds: 3,
    });
    expect(readFileSync(join(dir, 'lr.yaml'), 'utf8')).toBe(SWEEP_STARTER);
  });

  it('refuses to overwrite an existing file (exit 2) and leaves it untouched', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'rankbias.yaml'), 'mine: true\n');
    const run = await runRankbiasInProcess(['init', 'train'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/rankbias\.yaml already exists; rankbias init never overwrites a file/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, 'rankbias.yaml'), 'utf8')).toBe('mine: true\n');
  });

  it('penalty points to the nx generator and writes nothing', async () => {
    const dir = scratch();
    const run = await runRankbiasInProcess(['init', 'penalty'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('npx nx g @rankbias/core:penalty my-penalty');
    expect((await runRankbiasInProcess(['init', 'model'], dir)).code).toBe(2);
  });
});

describe('rankbias schema', () => {
  it('prints a draft-07 schema of the whole config with the installed plugins as "use" choices', async () => {
    const run = await runRankbiasInProcess(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // required unless the file extends another (then it may be partial)
    expect(schema.allOf.at(-1)).toMatchObject({
      if: { not: { required: ['extends'] } },
      then: { required: expect.arrayContaining(['data', 'model', 'optimizer', 'train']) },
    });
    expect(schema.properties.model.properties.use.enum).toEqual(expect.arrayContaining(['mlp', 'cnn', 'deep-linear']));
    const mlp = schema.properties.model.allOf.find((b: any) => b.if.properties.use.const === 'mlp');
    expect(mlp.then).toMatchObject({ additionalProperties: false, properties: { hidden: { type: 'array' } } });
    const penalty = schema.properties.penalties.items.allOf[0].then;
    expect(penalty.properties).toHaveProperty('weight'); // the options every penalty shares
  });

  it('--sweep comes from the installed compare command and wraps the config schema', async () => {
    const run = await runRankbiasInProcess(['schema', '--sweep']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout);
    expect(schema.properties.base.anyOf).toEqual([{ type: 'string', minLength: 1 }, { $ref: '#/definitions/config' }]);
    expect(schema.definitions.config.properties.model.properties.use.enum).toContain('mlp');
  });
});
