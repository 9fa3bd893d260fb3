import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { liveLockOwner, readLockOwner } from '@rankbias/core';
import { buildForCli, startRankbias } from './support/cli.js';
import { runRecords, sweepDir, tinySweep } from './support/tiny-sweep.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of the processes holding a run lock under `out` (the training workers). */
function trainers(out: string): number[] {
  const runs = join(out, 'runs');
  if (!existsSync(runs)) return [];
  return readdirSync(runs)
    .map((id) => liveLockOwner(join(runs, id, 'run.lock'))?.pid)
    .filter((pid): pid is number => pid !== undefined);
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('compare and its training processes (real processes, real signals)', () => {
  beforeAll(() => buildForCli(), 120_000);

  it('workers leave when compare dies (SIGHUP, SIGKILL); a second live compare is refused; the next one cleans stale locks and resumes', async () => {
    const dir = sweepDir(tinySweep(1500, [0.1, 0.3]));
    const out = join(dir, 'out');
    for (const [signal, how] of [
      ['SIGHUP', 'terminal closed: SIGHUP to compare'],
      ['SIGKILL', 'SIGKILL to compare and its worker'],
    ] as const) {
      const first = startRankbias(['compare', 'sweep.yaml', '--out', 'out', '--workers', '1'], dir);
      const [worker] = await Promise.race([
        until(`a training worker (${how})`, () => trainers(out).length > 0 && trainers(out), 180_000),
        first.done.then((r) => {
          throw new Error(`compare ended (${r.code}) before training: ${r.stderr}`);
        }),
      ]);
      await until('a checkpoint', () =>
        readdirSync(join(out, 'runs')).some((id) => existsSync(join(out, 'runs', id, 'checkpoints', 'latest'))),
      );

      const second = await startRankbias(['compare', 'sweep.yaml', '--out', 'out'], dir).done;
      expect(second.code).toBe(2);
      expect(second.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(`another rankbias compare \\(process ${first.child.pid}, since .*\\) is running on ${out}`),
        ),
      ]);

      expect(alive(worker!)).toBe(true); // still training: the kill lands mid-run
      first.child.kill(signal);
      if (signal === 'SIGKILL') process.kill(worker!, 'SIGKILL');
      await first.done;
      // the orphaned worker leaves by itself once compare's IPC channel is gone
      await until('the worker to leave', () => !alive(worker!), 30_000);
      expect(readLockOwner(join(out, 'compare.lock'))?.pid).toBe(first.child.pid); // stale: compare died without cleaning up
    }
    const last = await startRankbias(['compare', 'sweep.yaml', '--out', 'out', '--workers', '2'], dir).done;
    expect(last.code).toBe(0);
    expect(last.stderr).toMatch(/0 failed/);
    const logs = readdirSync(join(out, 'runs')).map((id) => readFileSync(join(out, 'runs', id, 'train.log'), 'utf8'));
    expect(logs.some((l) => /^\$ rankbias train .* --resume$/m.test(l))).toBe(true);
    expect(existsSync(join(out, 'compare.lock'))).toBe(false);
    expect(readdirSync(join(out, 'runs')).some((id) => existsSync(join(out, 'runs', id, 'run.lock')))).toBe(false);
  }, 400_000);

  it('crash consistency: compare SIGKILLed at random points, then re-run, ends with the summary of an uninterrupted sweep', async () => {
    // runs long enough that a kill shortly after a worker starts training lands mid-run on a fast machine too
    const sweep = tinySweep(300, [0.1, 0.3]);
    const dir = sweepDir(sweep);
    const reference = await startRankbias(['compare', 'sweep.yaml', '--out', 'ref', '--workers', '1'], dir).done;
    expect(reference.code).toBe(0);
    // a seeded sequence of kill delays (ms) and whether the worker dies too; bounded in count and time
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const started = Date.now();
    let kills = 0;
    let midRun = 0;
    for (let i = 0; i < 6 && Date.now() - started < 150_000; i++) {
      const run = startRankbias(['compare', 'sweep.yaml', '--out', 'crash', '--workers', '1'], dir);
      let over = false;
      const ended = run.done.then(() => (over = true));
      // most kills land while training (a random moment after a worker took a run), some during start-up
      const duringTraining = rand() < 0.75;
      if (duringTraining) {
        await until('a training worker', () => over || trainers(join(dir, 'crash')).length > 0, 120_000);
        if (over) break;
      }
      const killWorker = rand() < 0.5;
      if (await Promise.race([ended, sleep(duringTraining ? rand() * 400 : 1000 + rand() * 1500).then(() => false)]))
        break;
      const workers = trainers(join(dir, 'crash'));
      if (workers.length) midRun++;
      run.child.kill('SIGKILL');
      if (killWorker) for (const pid of workers) process.kill(pid, 'SIGKILL');
      await run.done;
      kills++;
      await until('the workers to leave', () => trainers(join(dir, 'crash')).length === 0, 30_000);
    }
    expect(kills).toBeGreaterThan(0);
    expect(midRun).toBeGreaterThan(0);
    console.log(
      `crash consistency: ${kills} SIGKILL(s) of compare, ${midRun} while a run trained, in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    const final = await startRankbias(['compare', 'sweep.yaml', '--out', 'crash', '--workers', '1'], dir).done;
    expect(final.code).toBe(0);
    expect(readFileSync(join(dir, 'crash', 'summary.md'), 'utf8')).toBe(
      readFileSync(join(dir, 'ref', 'summary.md'), 'utf8'),
    );
    expect(runRecords(join(dir, 'crash'))).toEqual(runRecords(join(dir, 'ref')));
  }, 400_000);
});
