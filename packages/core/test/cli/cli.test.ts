import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runRankbias, runRankbiasInProcess as runInProcess } from './run-rankbias.js';

let dir: string;
const config = (overrides: Record<string, unknown> = {}) => ({
  name: 'tiny',
  data: { use: 'gaussian-mixture', classes: 3, dim: 4, trainSize: 60, testSize: 30 },
  model: { use: 'mlp', hidden: [8] },
  optimizer: { use: 'sgd', lr: 0.1 },
  train: { steps: 5, batchSize: 20 },
  ...overrides,
});
function writeConfig(name: string, data: object): string {
  const file = join(dir, name);
  writeFileSync(file, name.endsWith('.json') ? JSON.stringify(data) : stringify(data));
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rankbias-cli-'));
});

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('rankbias --help', () => {
  it('documents every command', async () => {
    const root = await runRankbias(['--help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/Usage: rankbias/);
    expect(root.stdout).toMatch(/train \[options\] <config> \[overrides\.\.\.\]/);
    expect(root.stdout).toMatch(/plugins \[options\]/);
    expect(root.stdout).toContain('--plugin <path>');

    const train = await runInProcess(['train', '--help']);
    expect(train.code).toBe(0);
    for (const flag of ['--out <dir>', '--resume', '--backend <name>', '--plugin <path>', 'key=value', 'Exit codes'])
      expect(train.stdout).toContain(flag);

    const plugins = await runInProcess(['plugins', '--help']);
    expect(plugins.code).toBe(0);
    expect(plugins.stdout).toContain('--json');
    expect(plugins.stdout).toContain('--kind <kind>');
  });
});

describe('rankbias plugins', () => {
  it('--json lists every installed plugin with kind, package and options as JSON schema', async () => {
    const run = await runRankbias(['plugins', '--json']);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as Array<Record<string, any>>;
    for (const p of list) expect(Object.keys(p).sort()).toEqual(['description', 'kind', 'name', 'options', 'package']);
    const mlp = list.find((p) => p.kind === 'model' && p.name === 'mlp')!;
    expect(mlp.package).toBe('@rankbias/core');
    expect(mlp.options.type).toBe('object');
    expect(mlp.options.properties.hidden).toMatchObject({ type: 'array', items: { type: 'integer' } });
    expect(mlp.options.properties.activation.enum).toContain('leaky-relu');
    const names = list.map((p) => `${p.kind}:${p.name}`);
    for (const n of [
      'model:cnn',
      'model:two-layer',
      'model:deep-linear',
      'dataset:gaussian-mixture',
      'optimizer:sgd',
      'optimizer:tfjs-adam',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('--kind filters, and the table has one row per plugin', async () => {
    const run = await runInProcess(['plugins', '--kind', 'model']);
    expect(run.code).toBe(0);
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^KIND\s+NAME\s+PACKAGE\s+DESCRIPTION/);
    const cells = rows.slice(1).map((r) => r.split(/\s+/));
    expect(new Set(cells.map((c) => c[0]))).toEqual(new Set(['model']));
    const core = cells.filter((c) => c[2] === '@rankbias/core').map((c) => c[1]);
    expect(core).toEqual(['cnn', 'deep-linear', 'mlp', 'two-layer']);
    const bad = await runInProcess(['plugins', '--kind', 'gizmo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are optimizer, penalty/);
  });
});

describe('rankbias train --dry-run', () => {
  it("validates core's example configs and prints them with every default filled in", async () => {
    const run = await runInProcess(['train', 'examples/two-layer-leaky-gaussian.yaml', '--dry-run', 'model.width=7']);
    expect(run.code).toBe(0);
    const resolved = JSON.parse(run.stdout);
    expect(resolved.model).toEqual({
      use: 'two-layer',
      width: 7,
      activation: 'leaky-relu',
      alpha: 0.1,
      initScale: 0.0001,
      scaleByWidth: false,
      bias: false,
      fixedSecondLayer: true,
      balanced: false,
    });
    expect(resolved.data).toMatchObject({ use: 'gaussian-mixture', task: 'binary', noise: 1, seedOffset: 0 });
    const mlp = await runInProcess(['train', 'examples/mlp-gaussian.yaml', '--dry-run']);
    expect(mlp.code).toBe(0);
    expect(JSON.parse(mlp.stdout).optimizer).toEqual({ use: 'tfjs-adam', lr: 0.003, betas: [0.9, 0.999] });
  });
});

describe('rankbias train: bad input exits 2 with a message and no stack trace', () => {
  it('an unknown plugin name lists the names that exist', async () => {
    const file = writeConfig('unknown.yaml', config({ model: { use: 'mlpx' } }));
    const run = await runRankbias(['train', file, '--out', join(dir, 'never')]);
    expect(run.code).toBe(2);
    const line = run.stderr.split('\n').find((l) => l.includes('model.use:'))!;
    expect(line).toMatch(/model\.use: unknown model "mlpx"\. Available: /);
    for (const name of ['cnn', 'deep-linear', 'mlp', 'two-layer']) expect(line).toContain(name);
    noStack(run.stderr);
  });

  it('a bad option value names its path, the value and the choices', async () => {
    const file = writeConfig('bad.json', config());
    const run = await runInProcess(['train', file, 'model.activation=relux', 'model.hidden=[8, -1]']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/model\.activation: .*"relu"\|"leaky-relu".*\(got "relux"\)/);
    expect(run.stderr).toMatch(/model\.hidden\[1\]: .*\(got -1\)/);
    noStack(run.stderr);
  });

  it('a config may not load a plugin from a path; --plugin may', async () => {
    writeFileSync(
      join(dir, 'hello-plugin.mjs'),
      `export function register(container) {
        container.register(Symbol.for('rankbias:command'), { useValue: {
          kind: 'command', name: 'hello', description: 'says hello', package: 'local', options: null,
          create: () => ({ register(program, env) {
            program.command('hello').description('say hello').argument('<who>').action((who) => env.out('hello ' + who));
            program.command('grumble').description('exit 3').action(() => env.setExitCode(3));
          } }),
        } });
      }`,
    );
    const file = writeConfig('path-plugin.yaml', config({ plugins: ['./hello-plugin.mjs'] }));
    const rejected = await runInProcess(['train', file], dir);
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(
      /plugins\[0\]: "\.\/hello-plugin\.mjs" is a local path.*--plugin \.\/hello-plugin\.mjs/,
    );

    const hello = await runInProcess(['--plugin', './hello-plugin.mjs', 'hello', 'world'], dir);
    expect(hello.code).toBe(0);
    expect(hello.stdout.trim()).toBe('hello world');
    expect((await runInProcess(['--plugin', './hello-plugin.mjs', 'grumble'], dir)).code).toBe(3);
    const listed = await runInProcess(['plugins', '--kind', 'command', '--plugin', './hello-plugin.mjs'], dir);
    expect(listed.stdout).toMatch(/command\s+hello\s+local\s+says hello/);
  });

  it('a config listing a package that is not installed says how to install it', async () => {
    const file = writeConfig('missing-plugin.yaml', config({ plugins: ['rankbias-plugin-not-installed'] }));
    const run = await runInProcess(['train', file], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('npm install rankbias-plugin-not-installed');
    noStack(run.stderr);
  });

  it('missing files, --resume without --out, an unavailable backend and unknown commands', async () => {
    const missing = await runInProcess(['train', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('file not found');
    const file = writeConfig('ok.yaml', config());
    const resume = await runInProcess(['train', file, '--resume']);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('--resume needs --out DIR');
    const tf = await runInProcess(['train', file, '--backend', 'tensorflow', '--out', join(dir, 'tf')]);
    expect(tf.code).toBe(2);
    expect(tf.stderr).toContain('npm install @tensorflow/tfjs-node-gpu');
    noStack(tf.stderr);
    const unknown = await runInProcess(['trian']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'trian'/);
  });
});
