import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createPluginContainer, SWEEP_EXECUTOR, TOKENS } from '@rankbias/core';
import { createSweepExecutor, queueUrlOf } from '../src/sweep/choose-executor.js';
import { register } from '../src/register.js';
import { buildForCli, startRankbias } from './support/cli.js';

describe('choosing the sweep executor', () => {
  it('the token is the sweep-executor plugin kind; --queue wins over RANKBIAS_QUEUE; blank means local', () => {
    expect(SWEEP_EXECUTOR).toBe(TOKENS['sweep-executor']);
    expect(queueUrlOf('redis://a:1', { RANKBIAS_QUEUE: 'redis://b:2' })).toBe('redis://a:1');
    expect(queueUrlOf(undefined, { RANKBIAS_QUEUE: 'redis://b:2' })).toBe('redis://b:2');
    expect(queueUrlOf(undefined, { RANKBIAS_QUEUE: '  ' })).toBeUndefined();
  });

  it('local is registered by @rankbias/eval; queue without its package is bad input naming the package', async () => {
    const container = createPluginContainer();
    register(container);
    const local = await createSweepExecutor(container, { workers: 1, cwd: process.cwd(), pluginPaths: [] });
    expect(typeof local.execute).toBe('function');
    await local.close?.();
    await expect(
      createSweepExecutor(container, { workers: 1, url: 'redis://:secret@127.0.0.1:1', cwd: process.cwd(), pluginPaths: [] }),
    ).rejects.toThrow(/npm install @rankbias\/sweep-queue/);
  });

  it('rankbias compare --queue (or RANKBIAS_QUEUE) without the queue package exits 2 with one line and no password', async () => {
    buildForCli();
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-queue-choice-'));
    writeFileSync(join(dir, 'sweep.yaml'), stringify({ base: { data: { use: 'gaussian-mixture' }, model: { use: 'mlp' }, optimizer: { use: 'sgd', lr: 0.1 }, train: { steps: 2 } } }));
    for (const [args, env] of [
      [['compare', 'sweep.yaml', '--out', 'out', '--queue', 'redis://:hunter2@127.0.0.1:1'], {}],
      [['compare', 'sweep.yaml', '--out', 'out'], { RANKBIAS_QUEUE: 'redis://:hunter2@127.0.0.1:1' }],
    ] as const) {
      const r = await startRankbias(args, dir, env).done;
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/npm install @rankbias\/sweep-queue$/)]);
      expect(r.stderr).not.toContain('hunter2');
    }
  }, 60_000);
});
