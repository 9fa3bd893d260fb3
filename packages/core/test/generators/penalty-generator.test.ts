import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing.js';

const require = createRequire(import.meta.url);
const coreDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = join(coreDir, '..', '..');
const generator = require(join(coreDir, 'generators/penalty/generator.cjs')) as (
  tree: Tree,
  options: Record<string, unknown>,
) => Promise<() => void>;

/** An in-memory workspace that looks like the rankbias monorepo to the generator. */
function monorepoTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('packages/core/src/testing/index.ts', 'export {};\n');
  tree.write('vitest.shared.ts', 'export {};\n');
  tree.write('tsconfig.base.json', '{}\n');
  tree.write(
    'tsconfig.build.json',
    JSON.stringify({ files: [], references: [{ path: 'packages/core/tsconfig.lib.json' }] }),
  );
  return tree;
}

describe('generator @rankbias/core:penalty (in memory)', () => {
  it('scaffolds a plugin package with register, options schema, README and conformance test', async () => {
    const tree = monorepoTree();
    await generator(tree, { name: 'sparse-rows' });
    const root = 'packages/penalty-sparse-rows';
    for (const f of [
      'README.md',
      'tsconfig.json',
      'tsconfig.lib.json',
      'vitest.config.ts',
      'src/index.ts',
      'src/register.ts',
      'src/sparse-rows.ts',
      'test/sparse-rows.test.ts',
    ]) {
      expect(tree.exists(`${root}/${f}`), f).toBe(true);
    }
    const pkg = readJson(tree, `${root}/package.json`);
    expect(pkg.name).toBe('@rankbias/penalty-sparse-rows');
    expect(pkg.rankbias).toEqual({ plugin: true });
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual([
      '@rankbias/core',
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      'tsyringe',
    ]);
    expect(pkg.type).toBe('module');
    const source = tree.read(`${root}/src/sparse-rows.ts`, 'utf-8')!;
    expect(source).toContain("name: 'sparse-rows'");
    expect(source).toContain('export const sparseRowsOptions = z.strictObject(');
    expect(tree.read(`${root}/test/sparse-rows.test.ts`, 'utf-8')).toContain(
      'describePenaltyConformance({ factory: sparseRowsPenalty',
    );
    expect(readJson(tree, 'tsconfig.build.json').references).toContainEqual({ path: `${root}/tsconfig.lib.json` });
  });

  it('honours --directory and --packageName and computes relative paths from there', async () => {
    const tree = monorepoTree();
    await generator(tree, { name: 'my-penalty', directory: 'libs/penalties/mine', packageName: '@acme/mine' });
    expect(readJson(tree, 'libs/penalties/mine/package.json').name).toBe('@acme/mine');
    expect(tree.read('libs/penalties/mine/vitest.config.ts', 'utf-8')).toContain("from '../../../vitest.shared'");
    expect(readJson(tree, 'libs/penalties/mine/tsconfig.lib.json').references).toEqual([
      { path: '../../../packages/core/tsconfig.lib.json' },
    ]);
  });

  it('rejects a name that is not kebab-case and a non-empty target, saying how to fix it', async () => {
    await expect(generator(monorepoTree(), { name: 'MyPenalty' })).rejects.toThrow(
      /not kebab-case.*try e\.g\. "my-penalty"/,
    );
    const tree = monorepoTree();
    tree.write('packages/penalty-taken/x.txt', 'x');
    await expect(generator(tree, { name: 'taken' })).rejects.toThrow(/already exists and is not empty/);
  });
});

describe('npx nx g @rankbias/core:penalty in a scratch workspace, then the package tests', () => {
  const ws = mkdtempSync(join(tmpdir(), 'rankbias-generator-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('generates with the real Nx CLI and the generated tests pass', () => {
    // A workspace that shares this checkout's node_modules and core, with the same vitest preset.
    mkdirSync(join(ws, 'packages'));
    symlinkSync(join(repoRoot, 'node_modules'), join(ws, 'node_modules'), 'dir');
    symlinkSync(coreDir, join(ws, 'packages', 'core'), 'dir');
    for (const f of ['vitest.shared.ts', 'vitest.setup.ts', 'tsconfig.base.json'])
      copyFileSync(join(repoRoot, f), join(ws, f));
    writeFileSync(
      join(ws, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, type: 'module', workspaces: ['packages/*'] }),
    );
    writeFileSync(join(ws, 'nx.json'), JSON.stringify({ neverConnectToCloud: true }));
    const env = {
      ...process.env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_SKIP_NX_CACHE: 'true',
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    };

    const nx = join(repoRoot, 'node_modules/nx/bin/nx.js');
    const out = stripVTControlCharacters(
      execFileSync(process.execPath, [nx, 'g', '@rankbias/core:penalty', 'my-penalty', '--no-interactive'], {
        cwd: ws,
        env,
        encoding: 'utf8',
      }),
    );
    expect(out).toContain('CREATE packages/penalty-my-penalty/src/my-penalty.ts');

    const pkgDir = join(ws, 'packages', 'penalty-my-penalty');
    const report = join(ws, 'vitest-report.json');
    const vitest = join(repoRoot, 'node_modules/vitest/vitest.mjs');
    execFileSync(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${report}`], {
      cwd: pkgDir,
      env,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    const result = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numTotalTests: number;
    };
    expect(result.numFailedTests).toBe(0);
    expect(result.numPassedTests).toBe(result.numTotalTests);
    expect(result.numPassedTests).toBeGreaterThanOrEqual(12);

    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: pkgDir, env, encoding: 'utf8' });
  }, 180_000);
});
