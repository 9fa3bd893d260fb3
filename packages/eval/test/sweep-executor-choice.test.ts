import { describe, expect, it } from 'vitest';
import { createPluginContainer, SWEEP_EXECUTOR, TOKENS } from '@rankbias/core';
import { createSweepExecutor, queueUrlOf } from '../src/sweep/choose-executor.js';
import { register } from '../src/register.js';

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
    // (Through the CLI this cannot be shown inside the workspace, where @rankbias/sweep-queue is installed.)
    const refusal = createSweepExecutor(container, {
      workers: 1,
      url: 'redis://:secret@127.0.0.1:1',
      cwd: process.cwd(),
      pluginPaths: [],
    });
    await expect(refusal).rejects.toThrow(/npm install @rankbias\/sweep-queue$/);
    await expect(refusal).rejects.not.toThrow(/secret/);
  });
});
