import { createServer } from 'node:net';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '@rankbias/core';
import { tempDir } from '../support/fixtures.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/** `rankbias <args>` in this process, with plugins discovered from the workspace as an installed CLI finds them. */
async function rankbias(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t), cwd: repo });
  return { code, stdout, stderr };
}

/** A loopback port nothing listens on: connecting is refused at once, as with no network. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('rankbias data fetch', () => {
  it('with no network: one line naming the manual step, exit 2, nothing in the cache', async () => {
    const dir = tempDir();
    const run = await rankbias([
      'data',
      'fetch',
      'cifar10',
      '--from',
      `http://127.0.0.1:${await closedPort()}/mirror/`,
      '--dir',
      dir,
    ]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^rankbias: cannot download http:\/\/127\.0\.0\.1:\d+\/mirror\/cifar-10-binary\.tar\.gz \(.*ECONNREFUSED.*\); the network looks unreachable\. Download https:\/\/www\.cs\.toronto\.edu\/~kriz\/cifar-10-binary\.tar\.gz \(md5 c32a1d4ab5d03f1284b67883e8d87530\) where the network allows and run "npx rankbias data fetch cifar10 --from cifar-10-binary\.tar\.gz"$/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("copies Debian's Fashion-MNIST into --dir, verified, and says where the loaders look", async () => {
    const dir = tempDir();
    const run = await rankbias([
      'data',
      'fetch',
      'fashion-mnist',
      '--from',
      '/usr/share/datasets/fashion-mnist',
      '--dir',
      dir,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `fashion-mnist: 4 files verified into ${dir} (set RANKBIAS_DATA_DIR=${dir} so the loaders look there)`,
    );
    expect(existsSync(join(dir, 'fashion-mnist', 'train-images-idx3-ubyte.gz'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['fashion-mnist']);
  }, 60_000);

  it('bad arguments are one-line errors with exit 2', async () => {
    const unknown = await rankbias(['data', 'fetch', 'imagenet']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown dataset "imagenet"; rankbias data fetch knows fashion-mnist, mnist, cifar10, cifar100',
    );
    const file = await rankbias([
      'data',
      'fetch',
      'mnist',
      '--from',
      '/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz',
      '--dir',
      tempDir(),
    ]);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/is a file, but this dataset is four files\. Give --from the folder holding them/);
    const missing = await rankbias(['data', 'fetch', 'mnist', '--from', '/nonexistent/folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--from /nonexistent/folder: no such file or folder');
  });
});
