import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** The plugin package this test packs and uses from plain tfjs code. */
const PLUGIN_PACKAGE = { name: '@rankbias/linear-overparam', dir: 'packages/linear-overparam' };
/** Workspace packages the plugin needs that are not on the registry yet: packed too. */
const WORKSPACE_TARBALLS = ['packages/wasm-train', 'packages/core', PLUGIN_PACKAGE.dir, 'packages/eval'];
/** linalg-lapack's README example, run as users would paste it. */
const LAPACK_README = fileURLToPath(new URL('../../../packages/linalg-lapack/README.md', import.meta.url));
/** eval's README example of its model.fit callback, run as users would paste it. */
const EVAL_README = fileURLToPath(new URL('../../../packages/eval/README.md', import.meta.url));

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The workspace's exact version of a dependency (what its lockfile installed). */
function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 200_000 });
}

/** Packs the package in `dir` into the scratch folder; returns the tarball's path. */
function pack(dir: string): string {
  const out = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], dir);
  return join(scratch, (JSON.parse(out) as Array<{ filename: string }>)[0]!.filename);
}

const scratch = mkdtempSync(join(tmpdir(), 'rankbias-pack-'));

/**
 * A fresh project in the scratch folder with the packed workspace packages and
 * only their peer dependencies, installed without install scripts; returns its path.
 */
function installIntoScratchProject(name: string, packageDirs: readonly string[]): string {
  const tarballs = packageDirs.map((dir) => pack(join(ROOT, dir)));
  const project = join(scratch, name);
  run('mkdir', ['-p', project], scratch);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: `scratch-${name}`, private: true, type: 'module' }),
  );
  const peers = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', 'tsyringe', 'reflect-metadata'].map(
    (peer) => `${peer}@${installedVersion(peer)}`,
  );
  run(
    npm,
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...tarballs, ...peers],
    project,
  );
  return project;
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('packing a plugin and installing it outside the workspace', () => {
  it('installs with only its peer dependencies and works from a plain ESM script', () => {
    expect(relative(ROOT, scratch).startsWith('..')).toBe(true);
    for (const dir of [PLUGIN_PACKAGE.dir, 'packages/eval']) {
      run(
        process.execPath,
        [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', join(dir, 'tsconfig.lib.json')],
        ROOT,
      );
    }

    const project = installIntoScratchProject('project', WORKSPACE_TARBALLS);
    // the native bindings are optional peers of core: never installed unless the user asks
    expect(existsSync(join(project, 'node_modules/@tensorflow/tfjs-node'))).toBe(false);
    expect(existsSync(join(project, 'node_modules/@tensorflow/tfjs-node-gpu'))).toBe(false);

    // one copy of tfjs and of core: plugins must share the user's engine and container tokens
    const nested = readdirSync(join(project, 'node_modules/@rankbias')).filter((p) =>
      existsSync(join(project, 'node_modules/@rankbias', p, 'node_modules/@tensorflow/tfjs-core')),
    );
    expect(nested).toEqual([]);

    copyFileSync(fileURLToPath(new URL('./use-plugin.mjs', import.meta.url)), join(project, 'use-plugin.mjs'));
    const out = JSON.parse(run(process.execPath, ['use-plugin.mjs'], project).trim().split('\n').at(-1)!);
    expect(out.collapsedParams).toBe(out.baseParams);
    expect(out.expandedParams).toBeGreaterThan(out.baseParams);
    expect(out.collapsedLayers).toEqual(['Dense', 'Dense']);
    expect(out.maxAbsDiff).toBeLessThan(1e-4);

    // the README's model.fit callback example runs as written
    const example = /<!-- fit-callback-example -->\s*```js\n([\s\S]*?)```/.exec(readFileSync(EVAL_README, 'utf8'))![1]!;
    writeFileSync(join(project, 'fit-callback.mjs'), example);
    const fitOut = run(process.execPath, ['fit-callback.mjs'], project).trim().split('\n');
    expect(fitOut.filter((l) => l.startsWith('[rank] '))).toHaveLength(2);
    const last = JSON.parse(fitOut.at(-1)!) as { step: number; values: Record<string, number> };
    expect(last.step).toBe(8);
    expect(last.values['erank/hidden']).toBeGreaterThan(1);
    expect(last.values['collapse/hidden/independent']).toBeGreaterThan(0);

    // the installed CLI discovers the installed plugin package by its marker
    const cli = join(project, 'node_modules/.bin/rankbias');
    const listed = JSON.parse(run(cli, ['plugins', '--json'], project)) as Array<Record<string, string>>;
    expect(listed).toContainEqual(expect.objectContaining({ kind: 'overparam', package: PLUGIN_PACKAGE.name }));
    expect(listed).toContainEqual(expect.objectContaining({ kind: 'model', name: 'mlp', package: '@rankbias/core' }));

    // a user adds @tensorflow/tfjs-node beside rankbias (here a stand-in that registers the same backend):
    // `backend: auto` finds it from core's place in node_modules and uses it
    copyFileSync(fileURLToPath(new URL('./pick-backend.mjs', import.meta.url)), join(project, 'pick-backend.mjs'));
    expect(JSON.parse(run(process.execPath, ['pick-backend.mjs'], project).trim())).toMatchObject({ name: 'wasm' });
    const standIn = pack(fileURLToPath(new URL('./tfjs-node-stand-in', import.meta.url)));
    run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', standIn], project);
    expect(JSON.parse(run(process.execPath, ['pick-backend.mjs'], project).trim())).toEqual({
      name: 'tensorflow',
      reason: 'auto: @tensorflow/tfjs-node is installed',
      active: 'tensorflow',
      product: [17, 39],
    });
    const doctor = JSON.parse(run(cli, ['doctor', '--json'], project)) as { checks: Array<Record<string, unknown>> };
    expect(doctor.checks).toContainEqual(
      expect.objectContaining({ name: 'tensorflow (@tensorflow/tfjs-node)', ok: true }),
    );
  }, 420_000);

  it('@rankbias/linalg-lapack installs without install scripts and its README example runs on the system LAPACK', () => {
    for (const dir of ['packages/wasm-train', 'packages/linalg-lapack', 'packages/reg-depth-mirror']) {
      run(
        process.execPath,
        [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', join(dir, 'tsconfig.lib.json')],
        ROOT,
      );
    }
    // installed with --ignore-scripts, as npm 11 does for koffi by default (its binary comes in a platform package)
    const project = installIntoScratchProject('lapack-project', [
      'packages/wasm-train',
      'packages/core',
      'packages/reg-depth-mirror',
      'packages/linalg-lapack',
    ]);
    const example = /<!-- lapack-example -->\s*```js\n([\s\S]*?)```/.exec(readFileSync(LAPACK_README, 'utf8'))![1]!;
    writeFileSync(join(project, 'lapack-example.mjs'), example);
    const out = JSON.parse(run(process.execPath, ['lapack-example.mjs'], project).trim().split('\n').at(-1)!) as {
      value: number;
      jsValue: number;
      gap: number;
    };
    expect(out.value).toBeCloseTo(13.5628, 3); // R(W) of this seeded 256x256 W (bench/penalty.ts prints the same)
    expect(Math.abs(out.value - out.jsValue)).toBeLessThan(1e-5);
    expect(out.gap).toBeLessThan(1e-6);

    // the wasm backend's matrix products through the library's sgemm, as the README shows
    const blasExample = /<!-- blas-matmul-example -->\s*```js\n([\s\S]*?)```/.exec(
      readFileSync(LAPACK_README, 'utf8'),
    )![1]!;
    writeFileSync(join(project, 'blas-matmul-example.mjs'), blasExample);
    const blas = JSON.parse(run(process.execPath, ['blas-matmul-example.mjs'], project).trim().split('\n').at(-1)!) as {
      backend: string;
      shape: number[];
      gap: number;
    };
    expect(blas).toMatchObject({ backend: 'wasm', shape: [300, 100] });
    expect(blas.gap).toBeLessThan(1e-3); // sums of 200 products of N(0, 1) values: float32 rounding apart

    // core finds the installed package from its place in node_modules: doctor and `linalg: auto` use it
    const cli = join(project, 'node_modules/.bin/rankbias');
    const doctor = JSON.parse(run(cli, ['doctor', '--json'], project)) as { checks: Array<Record<string, unknown>> };
    expect(doctor.checks).toContainEqual(
      expect.objectContaining({ topic: 'linear algebra', name: '@rankbias/linalg-lapack', ok: true }),
    );
  }, 420_000);
});
