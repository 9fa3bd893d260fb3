import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  acquireProcessLock,
  processStartTicks,
  runDirPaths,
  runDirState,
  tryReadRunResult,
} from '../../src/run-dir/index.js';
import { trainRunInDir } from '../../src/trainer/index.js';
import { baseRawConfig } from '../fixtures/trainer/configs.js';
import { metricsWithoutTime, tempRunDir, useCpu } from '../fixtures/trainer/helpers.js';
import { fixtureContainer } from '../fixtures/trainer/plugins.js';

const small = { steps: 12, batchSize: 16, evalEvery: 3, checkpointEvery: 2, logEvery: 1, evalBatchSize: 16 };

/** A live process (a sleeping node) and a way to end it. */
async function liveProcess(): Promise<{ pid: number; end(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  return {
    pid: child.pid!,
    end: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

describe('trainRunInDir and the run lock', () => {
  beforeAll(useCpu);

  it('an aborted run is resumable and, resumed automatically, ends where an uninterrupted run ends', async () => {
    const raw = baseRawConfig({ train: small, callbacks: [] });
    const whole = tempRunDir('whole');
    await trainRunInDir(raw, whole, { container: fixtureContainer() });
    expect(runDirState(whole)).toBe('completed');

    const parts = tempRunDir('parts');
    const abort = new AbortController();
    let steps = 0;
    const first = await trainRunInDir(raw, parts, {
      container: fixtureContainer(),
      signal: abort.signal,
      onProgress: () => {
        if (++steps === 5) abort.abort('test');
      },
    });
    expect(first.interrupted).toBe(true);
    expect(first.result.status).toBe('stopped');
    expect(runDirState(parts)).toBe('resumable');
    const second = await trainRunInDir(raw, parts, { container: fixtureContainer() });
    expect([second.resumed, second.interrupted, second.result.status]).toEqual([true, false, 'completed']);
    expect(tryReadRunResult(parts)?.final).toEqual(tryReadRunResult(whole)?.final);
    expect(metricsWithoutTime(parts)).toEqual(metricsWithoutTime(whole));
    expect(existsSync(runDirPaths(parts).lock)).toBe(false);
  });

  it('a run directory locked by a live process is refused; a lock left by a dead one is taken over', async () => {
    const dir = tempRunDir('locked');
    const other = await liveProcess();
    const lock = runDirPaths(dir).lock;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      lock,
      JSON.stringify({ pid: other.pid, host: hostname(), startTicks: processStartTicks(other.pid), since: 'then' }),
    );
    await expect(
      trainRunInDir(baseRawConfig({ train: small }), dir, { container: fixtureContainer() }),
    ).rejects.toThrow(new RegExp(`run directory ${dir} is in use by process ${other.pid} \\(since then\\)`));
    // the same pid with another start time is a reused pid: stale
    writeFileSync(lock, JSON.stringify({ pid: other.pid, host: hostname(), startTicks: 1, since: 'then' }));
    acquireProcessLock(lock, 'x').release();
    writeFileSync(
      lock,
      JSON.stringify({ pid: other.pid, host: hostname(), startTicks: processStartTicks(other.pid), since: 'then' }),
    );
    await other.end();
    const { result } = await trainRunInDir(baseRawConfig({ train: small }), dir, { container: fixtureContainer() });
    expect(result.status).toBe('completed');
    expect(existsSync(lock)).toBe(false);
  });
});
