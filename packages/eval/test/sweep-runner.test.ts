import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { expandSweep } from '../src/sweep/expand.js';
import { runDirOf, runState } from '../src/sweep/run-dir.js';
import { executeRuns, planAction } from '../src/sweep/runner.js';
import type { TrainCommand } from '../src/sweep/train-command.js';
import { writeReport } from '../src/report/write-report.js';
import { toyBase, toyRegistry } from './support/toy-plugins.js';

const fakeTrainer = fileURLToPath(new URL('./support/fake-trainer.mjs', import.meta.url));
const fake: TrainCommand = (config, dir, resume) => ({
  command: process.execPath,
  args: [fakeTrainer, 'train', config, '--out', dir, ...(resume ? ['--resume'] : [])],
});
const quiet = { update: () => {}, line: () => {}, stop: () => {} };

function setup(sweep: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-runner-'));
  const file = join(dir, 'sweep.yaml');
  writeFileSync(file, stringify(sweep));
  return { out: join(dir, 'out'), sweep: expandSweep(file, toyRegistry().registry) };
}

const invocations = (out: string, id: string) =>
  readFileSync(join(out, 'runs', id, 'invocations.log'), 'utf8')
    .trim()
    .split('\n');

describe('sweep runner', () => {
  it('plans: completed/stopped skip, failed only with retry, checkpointed runs resume', () => {
    expect(planAction('completed', false)).toBe('skip');
    expect(planAction('stopped', true)).toBe('skip');
    expect(planAction('failed', false)).toBe('leave-failed');
    expect(planAction('failed', true)).toBe('fresh');
    expect(planAction('resumable', false)).toBe('resume');
    expect(planAction('pending', false)).toBe('fresh');
  });

  it('runs everything once with N workers; a second call trains nothing and the summary is byte-identical', async () => {
    const { out, sweep } = setup({
      base: toyBase,
      grid: { 'optimizer.lr': [0.1, 0.3], 'model.depth': [1, 2] },
      seeds: [0, 1],
    });
    const first = await executeRuns(sweep.runs, {
      outDir: out,
      workers: 3,
      retry: false,
      trainCommand: fake,
      progress: quiet,
    });
    expect(first.completed).toHaveLength(8);
    expect(first.failed).toEqual([]);
    for (const r of sweep.runs) expect(runState(runDirOf(out, r))).toBe('completed');
    await writeReport(out);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8');
    const html = readFileSync(join(out, 'report.html'), 'utf8');

    const second = await executeRuns(sweep.runs, {
      outDir: out,
      workers: 3,
      retry: false,
      trainCommand: fake,
      progress: quiet,
    });
    expect(second.completed).toEqual([]);
    expect(second.skipped).toHaveLength(8);
    for (const r of sweep.runs) expect(invocations(out, r.id)).toEqual(['fresh']);
    await writeReport(out);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(summary);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(csv);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(html);
  });

  it('an interrupted sweep resumes the interrupted runs from their checkpoints and finishes only what is missing', async () => {
    process.env.FAKE_STEP_MS = '30';
    const { out, sweep } = setup({
      base: { ...toyBase, train: { steps: 30 } },
      grid: { 'optimizer.lr': [0.1, 0.2, 0.3] },
      seeds: [0],
    });
    const abort = new AbortController();
    const lines: string[] = [];
    const progress = { update: () => {}, line: (t: string) => lines.push(t), stop: () => {} };
    // one worker: the first run finishes, the second is interrupted part-way, the third never starts
    const timer = setInterval(() => {
      const second = sweep.runs[1]!;
      const m = join(runDirOf(out, second), 'metrics.jsonl');
      if (existsSync(m) && readFileSync(m, 'utf8').split('\n').length > 8) abort.abort();
    }, 10);
    const first = await executeRuns(sweep.runs, {
      outDir: out,
      workers: 1,
      retry: false,
      trainCommand: fake,
      progress,
      signal: abort.signal,
    });
    clearInterval(timer);
    expect(first.interrupted).toBe(true);
    expect(first.completed).toEqual([sweep.runs[0]!.id]);
    expect(first.failed).toEqual([]);
    expect(runState(runDirOf(out, sweep.runs[1]!))).toBe('resumable');
    expect(runState(runDirOf(out, sweep.runs[2]!))).toBe('pending');

    const second = await executeRuns(sweep.runs, {
      outDir: out,
      workers: 1,
      retry: false,
      trainCommand: fake,
      progress,
    });
    expect(second.skipped).toEqual([sweep.runs[0]!.id]);
    expect([...second.completed].sort()).toEqual([sweep.runs[1]!.id, sweep.runs[2]!.id].sort());
    expect(invocations(out, sweep.runs[0]!.id)).toEqual(['fresh']);
    expect(invocations(out, sweep.runs[1]!.id)).toEqual(['fresh', 'resume']);
    expect(invocations(out, sweep.runs[2]!.id)).toEqual(['fresh']);
    // the resumed run's metrics hold each step exactly once
    const steps = readFileSync(join(runDirOf(out, sweep.runs[1]!), 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).step);
    expect(steps).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    delete process.env.FAKE_STEP_MS;
  });

  it('failed runs are reported, left alone on re-run, and re-run with retry', async () => {
    const { out, sweep } = setup({ base: toyBase, grid: { 'data.fail': [false, true] }, seeds: [0] });
    const lines: string[] = [];
    const progress = { update: () => {}, line: (t: string) => lines.push(t), stop: () => {} };
    const first = await executeRuns(sweep.runs, {
      outDir: out,
      workers: 2,
      retry: false,
      trainCommand: fake,
      progress,
    });
    const bad = sweep.runs.find((r) => r.params['data.fail'] === true)!;
    expect(first.failed).toEqual([bad.id]);
    expect(lines.join('\n')).toMatch(/FAILED data\.fail=true seed 0: loss is NaN \(log: .*train\.log\)/);
    const again = await executeRuns(sweep.runs, {
      outDir: out,
      workers: 2,
      retry: false,
      trainCommand: fake,
      progress,
    });
    expect(again.failedNotRetried).toEqual([bad.id]);
    expect(invocations(out, bad.id)).toEqual(['fresh']);
    const retried = await executeRuns(sweep.runs, {
      outDir: out,
      workers: 2,
      retry: true,
      trainCommand: fake,
      progress,
    });
    expect(retried.failed).toEqual([bad.id]);
    expect(invocations(out, bad.id)).toEqual(['fresh', 'fresh']);
    await writeReport(out);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/data\.fail=true \| 0 \(1 failed\)/);
  });
});
