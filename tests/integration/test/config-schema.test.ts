/**
 * The JSON schemas `rankbias schema [--sweep]` generates: the committed copies
 * under schema/ are current, every shipped example validates against them
 * (as an editor's YAML server would check it), a typo is reported at its
 * path, and the `rankbias init` starters validate too.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configJsonSchema, resolveConfig, SWEEP_STARTER, TRAIN_STARTER } from '@rankbias/core';
import { expandSweep, sweepJsonSchema } from '@rankbias/eval';
import { workspaceRegistry } from './support/workspace-registry.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const registry = workspaceRegistry();
const config = configJsonSchema(registry);
const sweep = sweepJsonSchema(config);
const ajv = new Ajv({ allErrors: true, strict: false });
const validateConfig = ajv.compile(config);
const validateSweep = ajv.compile(sweep);

const examples = readdirSync(join(repo, 'examples')).filter((f) => f.endsWith('.yaml'));
const isSweep = (data: Record<string, unknown>) => 'base' in data;
const errorsOf = (validate: typeof validateConfig, data: unknown): ErrorObject[] =>
  validate(data) ? [] : [...(validate.errors ?? [])];
/** Errors minus the "must match then schema" echoes that if/then adds on every parent. */
const leafErrors = (errors: ErrorObject[]) => errors.filter((e) => e.keyword !== 'if');

describe('rankbias schema', () => {
  it.each([
    ['schema/rankbias.schema.json', config],
    ['schema/sweep.schema.json', sweep],
  ])('the committed %s is what the installed plugins generate (regenerate: npm run schema)', (file, generated) => {
    expect(JSON.parse(readFileSync(join(repo, file), 'utf8'))).toEqual(generated);
  });

  it.each(examples)('examples/%s names the right schema in its modeline and validates against it', (file) => {
    const text = readFileSync(join(repo, 'examples', file), 'utf8');
    const data = parse(text) as Record<string, unknown>;
    const schema = isSweep(data) ? 'sweep' : 'rankbias';
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=../schema/${schema}.schema.json`);
    expect(errorsOf(isSweep(data) ? validateSweep : validateConfig, data)).toEqual([]);
  });

  it('rejects a misspelt plugin option at its own path, naming the key', () => {
    const data = parse(readFileSync(join(repo, 'examples/mlp-gaussian.yaml'), 'utf8')) as Record<string, any>;
    data.model.hiden = data.model.hidden;
    delete data.model.hidden;
    const errors = leafErrors(errorsOf(validateConfig, data));
    expect(errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/model',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'hiden' },
      }),
    );
    expect(errors.every((e) => e.instancePath.startsWith('/model'))).toBe(true);
  });

  it('rejects an unknown plugin name, a wrong option type and a typo inside a list, each at its path', () => {
    const data = parse(readFileSync(join(repo, 'examples/mlp-gaussian.yaml'), 'utf8')) as Record<string, any>;
    data.optimizer = { use: 'adamm', lr: 0.1 };
    data.train.steps = 'many';
    data.penalties = [{ use: 'depth-mirror', wieght: 0.1 }];
    const errors = leafErrors(errorsOf(validateConfig, data));
    const at = (path: string) => errors.filter((e) => e.instancePath === path).map((e) => e.keyword);
    expect(at('/optimizer/use')).toContain('enum');
    expect(at('/train/steps')).toContain('type');
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '/penalties/0', params: { additionalProperty: 'wieght' } }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '/penalties/0', params: { missingProperty: 'weight' } }),
    );
  });

  it('a sweep checks its inline base as a config and its own keys', () => {
    const data = parse(readFileSync(join(repo, 'examples/default-sweep.yaml'), 'utf8')) as Record<string, any>;
    data.base.model.dpeth = 2;
    data.seed = 3; // a config key at the sweep's top level
    const errors = leafErrors(errorsOf(validateSweep, data));
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '/base/model', params: { additionalProperty: 'dpeth' } }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '', params: { additionalProperty: 'seed' } }),
    );
  });

  it('a file with extends may be partial; without extends the same file is incomplete', () => {
    const partial = { extends: ['./base.yaml'], model: { hidden: [4] }, seed: 9 };
    expect(errorsOf(validateConfig, partial)).toEqual([]);
    const { extends: _bases, ...alone } = partial;
    const errors = leafErrors(errorsOf(validateConfig, alone));
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: '', params: { missingProperty: 'data' } }));
    expect(errors).toContainEqual(
      expect.objectContaining({ instancePath: '/model', params: { missingProperty: 'use' } }),
    );
    expect(leafErrors(errorsOf(validateConfig, { ...partial, extends: 3 })).map((e) => e.instancePath)).toContain(
      '/extends',
    );
    expect(errorsOf(validateSweep, { extends: './other.sweep.yaml', seeds: 5 })).toEqual([]);
    expect(leafErrors(errorsOf(validateSweep, { seeds: 5 }))).toContainEqual(
      expect.objectContaining({ params: { missingProperty: 'base' } }),
    );
  });
});

describe('rankbias init starters', () => {
  it('the train starter is a valid config for the schema and for core', () => {
    const data = parse(TRAIN_STARTER);
    expect(errorsOf(validateConfig, data)).toEqual([]);
    expect(resolveConfig(data, registry).train.steps).toBe(300);
    expect(TRAIN_STARTER.split('\n')[0]).toBe('# yaml-language-server: $schema=./rankbias.schema.json');
  });

  it('the sweep starter is a valid sweep: 6 groups x 3 seeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-init-'));
    writeFileSync(join(dir, 'sweep.yaml'), SWEEP_STARTER);
    expect(errorsOf(validateSweep, parse(SWEEP_STARTER))).toEqual([]);
    expect(expandSweep(join(dir, 'sweep.yaml'), registry).runs).toHaveLength(18);
  });
});
