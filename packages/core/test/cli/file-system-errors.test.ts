import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CLI_MAIN, finished, runRankbiasInProcess, startRankbias, type CliRun } from './run-rankbias.js';

let dir: string;
let config: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rankbias-fs-'));
  chmodSync(dir, 0o755);
  config = join(dir, 'tiny.yaml');
  writeFileSync(
    config,
    stringify({
      data: { use: 'gaussian-mixture', classes: 2, dim: 4, trainSize: 32, testSize: 16 },
      model: { use: 'mlp', hidden: [4] },
      optimizer: { use: 'sgd', lr: 0.1 },
      train: { steps: 4, batchSize: 8, evalEvery: 2, checkpointEvery: 2 },
      loggers: [{ use: 'jsonl' }],
    }),
  );
  writeFileSync(join(dir, 'afile'), 'not a folder');
});

/** Exit 2 and exactly one stderr line (besides the backend and linear-algebra lines) that names `path`. */
function expectOneLineNaming(run: CliRun, path: RegExp): void {
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((l) => !/^rankbias: (backend|float64 linear algebra) /.test(l));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(path);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
  expect(run.code).toBe(2);
}

const train = (out: string, extra: string[] = []) =>
  runRankbiasInProcess(['train', config, '--out', out, '--backend', 'cpu', ...extra], dir);

describe('file-system errors at the CLI boundary: one line naming the path, exit 2', () => {
  it('--out that is a file', async () => {
    expectOneLineNaming(await train(join(dir, 'afile')), /cannot use .*afile: already exists and is not a folder/);
  });

  it('--out under a file', async () => {
    expectOneLineNaming(
      await train(join(dir, 'afile', 'run')),
      /cannot use .*afile\/run: a part of the path is a file, not a folder/,
    );
  });

  // In a child process with a deadline: the failure this guards against is a synchronous
  // endless mkdir loop, which would stop this test process (and its timeout) for good.
  it('--out in a pseudo-file system (/proc): refused, not a hang', async () => {
    const trainInChild = async (out: string) => {
      const child = startRankbias(['train', config, '--out', out, '--backend', 'cpu'], dir);
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      try {
        const run = await finished(child);
        if (run.code === null) throw new Error(`rankbias train --out ${out} hung (killed after 30 s)`);
        return run;
      } finally {
        clearTimeout(killer);
      }
    };
    expectOneLineNaming(
      await trainInChild('/proc/rankbias-run'),
      /cannot use \/proc\/rankbias-run: not possible here \(a pseudo-file system/,
    );
    expectOneLineNaming(await trainInChild('/proc/self/status'), /cannot use \/proc\/self\/status/);
  });

  it('--out in a folder the user cannot write', async () => {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    // root writes anywhere: run the CLI as nobody then
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const child = spawn(
      process.execPath,
      ['--import', loader, CLI_MAIN, 'train', config, '--out', join(readOnly, 'run'), '--backend', 'cpu'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        ...asNobody,
      },
    );
    expectOneLineNaming(await finished(child), /cannot use .*read-only\/run: permission denied/);
  });

  it('a config path that is a folder or a dangling symbolic link', async () => {
    expectOneLineNaming(await runRankbiasInProcess(['train', dir], dir), /is a directory, not a config file/);
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    expectOneLineNaming(
      await runRankbiasInProcess(['train', join(dir, 'dangling.yaml')], dir),
      /file not found: .*dangling\.yaml/,
    );
  });

  it('a truncated checkpoint manifest refuses --resume with one line saying how to start fresh', async () => {
    const out = join(dir, 'truncated');
    const first = await train(out, ['train.steps=3']);
    expect(first.code).toBe(0);
    const manifest = join(out, 'checkpoints', 'latest', 'manifest.json');
    const text = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, text.slice(0, 40));
    const run = await train(out, ['train.steps=3', '--resume']);
    expectOneLineNaming(
      run,
      /cannot resume from checkpoint .*checkpoints\/latest: manifest\.json does not match manifest\.sha256.*To start fresh, delete/,
    );
  });
});
