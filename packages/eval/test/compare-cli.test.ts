import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runDirState } from '@rankbias/core';
import { buildForCli, startRankbias } from './support/cli.js';
import { tinySweep } from './support/tiny-sweep.js';

/**
 * A tiny real sweep: 3 groups × 1 seed, checkpoint every 5 steps. 200 steps keep a run
 * in progress long enough for the SIGINT below to land mid-run on a fast machine.
 */
const STEPS = 200;
const sweep = tinySweep(STEPS, [0.02, 0.1, 0.3]);

const runIds = (out: string) => readdirSync(join(out, 'runs')).sort();
const trainCount = (out: string, id: string) =>
  (readFileSync(join(out, 'runs', id, 'train.log'), 'utf8').match(/^\$ .* train /gm) ?? []).length;

describe('rankbias compare (real CLI and trainer)', () => {
  beforeAll(() => buildForCli(), 120_000);

  it('dry run lists the grid; killed mid-way it finishes only the missing runs; a re-run trains nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-compare-'));
    writeFileSync(join(dir, 'sweep.yaml'), stringify(sweep));
    const out = join(dir, 'out');

    const dry = await startRankbias(['compare', 'sweep.yaml', '--out', 'out', '--dry-run'], dir).done;
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/3 group\(s\) × seeds = 3 run\(s\)/);
    expect(dry.stdout).toMatch(
      /1\. optimizer\.lr=0\.02 {2}\[group [0-9a-f]{12}\]\n {7}seed 0 {2}runs\/[0-9a-f]{12} {2}pending -> fresh/,
    );
    expect(existsSync(out)).toBe(false);

    // one worker; interrupt once the second run has checkpointed
    const first = startRankbias(['compare', 'sweep.yaml', '--out', 'out', '--workers', '1'], dir);
    const interrupted = await new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (!existsSync(join(out, 'runs'))) return;
        const ids = runIds(out);
        const done = ids.filter((id) => existsSync(join(out, 'runs', id, 'result.json')));
        const started = ids.filter(
          (id) => existsSync(join(out, 'runs', id, 'checkpoints', 'latest')) && !done.includes(id),
        );
        if (done.length === 1 && started.length === 1) {
          clearInterval(timer);
          first.child.kill('SIGINT');
          resolve(true);
        }
      }, 50);
      void first.done.then(() => {
        clearInterval(timer);
        resolve(false);
      });
    });
    const r1 = await first.done;
    expect(interrupted).toBe(true);
    expect(r1.code).toBe(130);
    expect(r1.stderr).toMatch(/interrupted; run the same command again/);
    // the interrupted run checkpointed as it stopped and is resumable; the third never started
    const states = runIds(out).map((id) => runDirState(join(out, 'runs', id)));
    expect(states.filter((s) => s === 'completed')).toHaveLength(1);
    expect(states.filter((s) => s === 'resumable')).toHaveLength(1);
    const doneId = runIds(out).find((id) => runDirState(join(out, 'runs', id)) === 'completed')!;
    const doneMtime = statSync(join(out, 'runs', doneId, 'result.json')).mtimeMs;

    const second = await startRankbias(['compare', 'sweep.yaml', '--out', 'out', '--workers', '2'], dir).done;
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/2 run\(s\) trained, 1 already done, 0 failed/);
    expect(runIds(out)).toHaveLength(3);
    expect(statSync(join(out, 'runs', doneId, 'result.json')).mtimeMs).toBe(doneMtime);
    expect(trainCount(out, doneId)).toBe(1);
    const resumed = runIds(out).filter((id) => trainCount(out, id) === 2);
    expect(resumed).toHaveLength(1);
    expect(readFileSync(join(out, 'runs', resumed[0]!, 'train.log'), 'utf8')).toMatch(/^\$ .* train .*--resume$/m);
    // the resumed run's metrics hold each evaluation step exactly once
    const evalSteps = readFileSync(join(out, 'runs', resumed[0]!, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => r.kind === 'eval')
      .map((r) => r.step);
    expect(evalSteps).toEqual(Array.from({ length: STEPS / 10 + 1 }, (_, i) => i * 10));
    for (const id of runIds(out)) {
      expect(JSON.parse(readFileSync(join(out, 'runs', id, 'result.json'), 'utf8'))).toMatchObject({
        status: 'completed',
        steps: STEPS,
      });
    }
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/Runs: 3 \(3 finished, 0 failed, 0 not finished\)/);
    expect(summary).toMatch(/\| 1 \| optimizer\.lr=0\.3 \| 1 \|/);
    for (const f of [
      'summary.csv',
      'report.html',
      'plots/curve-test-loss.svg',
      'plots/curve-test-loss.png',
      'plots/curve-erank-hidden-0-kernel.svg',
      'plots/vs-optimizer-lr-test-loss.png',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }

    const third = await startRankbias(['compare', 'sweep.yaml', '--out', 'out'], dir).done;
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(/0 run\(s\) trained, 3 already done/);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(summary);
    for (const id of runIds(out)) expect(trainCount(out, id)).toBeLessThanOrEqual(2);

    const report = await startRankbias(['report', 'out'], dir).done;
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/3 group\(s\), 3 run\(s\)/);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(summary);

    // The sweep shrinks: the dropped grid value's run stays on disk but leaves the numbers.
    writeFileSync(join(dir, 'sweep.yaml'), stringify(tinySweep(STEPS, [0.02, 0.1])));
    const shrunk = await startRankbias(['compare', 'sweep.yaml', '--out', 'out'], dir).done;
    expect(shrunk.code).toBe(0);
    expect(shrunk.stderr).toMatch(/0 run\(s\) trained, 2 already done/);
    expect(shrunk.stderr).toMatch(/left out 1 run directory under runs\/ that the sweep no longer has/);
    expect(runIds(out)).toHaveLength(3);
    const shrunkSummary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(shrunkSummary).toMatch(/Runs: 2 \(2 finished, 0 failed, 0 not finished\)/);
    expect(shrunkSummary).not.toMatch(/optimizer\.lr=0\.3/);
    const reportAgain = await startRankbias(['report', 'out'], dir).done;
    expect(reportAgain.stdout).toMatch(/2 group\(s\), 2 run\(s\)/);
    expect(reportAgain.stdout).toMatch(/left out 1 run directory/);
  }, 180_000);

  it('a bad sweep exits 2 and names the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-compare-'));
    writeFileSync(join(dir, 'bad.yaml'), stringify({ ...sweep, grid: { 'optimizer.lr': [0.1, -1] } }));
    const r = await startRankbias(['compare', 'bad.yaml', '--dry-run'], dir).done;
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\[optimizer\.lr=-1, seed 0\] optimizer\.lr/);
  }, 60_000);

  it('bad arguments to compare, report and inspect exit 2 with one line and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rankbias-args-'));
    writeFileSync(join(dir, 'tiny.yaml'), stringify(sweep));
    const cases: [string[], RegExp][] = [
      [['compare', 'tiny.yaml', '--workers', 'x'], /--workers must be a positive integer, got "x"/],
      [['report', 'nowhere'], /no sweep runs under .*nowhere/],
      [['inspect', 'missing/model.json'], /no such file or directory: .*missing\/model\.json/],
    ];
    for (const [args, message] of cases) {
      const r = await startRankbias(args, dir).done;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 60_000);
});
