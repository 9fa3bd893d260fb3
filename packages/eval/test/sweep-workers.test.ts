import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPluginContainer, PluginRegistry, tryReadRunResult } from '@rankbias/core';
import { register } from '../src/register.js';
import { expandSweep } from '../src/sweep/expand.js';
import { ForkedWorker } from '../src/sweep/forked-worker.js';
import { executeLocally } from '../src/sweep/local-pool.js';
import { executeRuns } from '../src/sweep/runner.js';
import { defaultTrainCommand } from '../src/sweep/train-command.js';
import { writeReport } from '../src/report/write-report.js';
import { buildForCli, RANKBIAS_BIN, REPO_ROOT, startRankbias } from './support/cli.js';
import { runRecords, sweepDir, tinySweep } from './support/tiny-sweep.js';

const quiet = { update: () => {}, line: () => {}, stop: () => {} };

describe('long-lived local workers', () => {
  beforeAll(() => buildForCli(), 120_000);

  it('train many runs per process with results identical to a process per run', async () => {
    const dir = sweepDir(tinySweep(30, [0.02, 0.1, 0.3, 0.5]));
    const container = createPluginContainer();
    register(container);
    const sweep = expandSweep(join(dir, 'sweep.yaml'), new PluginRegistry(container));
    const perProcess = join(dir, 'per-process');
    const workers = join(dir, 'workers');
    let slots = 0;
    const a = await executeRuns(sweep.runs, {
      outDir: perProcess,
      workers: 2,
      retry: false,
      trainCommand: defaultTrainCommand(RANKBIAS_BIN),
      progress: quiet,
    });
    const b = await executeLocally(sweep.runs, {
      outDir: workers,
      retry: false,
      slots: 1,
      createSlot: () => (slots++, new ForkedWorker({ cwd: REPO_ROOT, pluginPaths: [] })),
    });
    expect(a.completed).toHaveLength(4);
    expect(b.completed).toHaveLength(4);
    expect(slots).toBe(1); // one worker process trained all four runs, each once
    for (const r of sweep.runs) {
      expect(
        readFileSync(join(workers, 'runs', r.id, 'train.log'), 'utf8').match(/^\$ rankbias train /gm),
      ).toHaveLength(1);
      expect(tryReadRunResult(join(workers, 'runs', r.id))?.final).toEqual(
        tryReadRunResult(join(perProcess, 'runs', r.id))?.final,
      );
      expect(existsSync(join(workers, 'runs', r.id, 'run.lock'))).toBe(false);
    }
    expect(runRecords(workers)).toEqual(runRecords(perProcess));
    await writeReport(perProcess);
    await writeReport(workers);
    expect(readFileSync(join(workers, 'summary.md'), 'utf8')).toBe(
      readFileSync(join(perProcess, 'summary.md'), 'utf8'),
    );
  }, 300_000);

  it('a sweep naming a local-path plugin fails --dry-run and the real run up front: exit 2, one line, nothing written', async () => {
    const sweep = tinySweep(10, [0.1]);
    const dir = sweepDir({ ...sweep, base: { ...(sweep.base as object), plugins: ['./my-plugin.mjs'] } });
    for (const args of [['--dry-run'], []]) {
      const r = await startRankbias(['compare', 'sweep.yaml', '--out', 'out', ...args], dir).done;
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/plugins\[0\] "\.\/my-plugin\.mjs" .*is a local path; .*--plugin \.\/my-plugin\.mjs/),
      ]);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
  }, 120_000);

  it('compare key=value overrides the base; --dry-run lists hashes, states and what is done', async () => {
    const dir = sweepDir(tinySweep(10, [0.1, 0.3]));
    const plain = await startRankbias(['compare', 'sweep.yaml', '--out', 'out', '--dry-run'], dir).done;
    const overridden = await startRankbias(
      ['compare', 'sweep.yaml', '--out', 'out', '--dry-run', 'train.steps=6', 'model.hidden[0]=5'],
      dir,
    ).done;
    expect(plain.code).toBe(0);
    expect(overridden.code).toBe(0);
    const hashes = (s: string) => [...s.matchAll(/runs\/([0-9a-f]{12})/g)].map((m) => m[1]);
    expect(hashes(plain.stdout)).toHaveLength(2);
    expect(hashes(overridden.stdout)).toHaveLength(2);
    expect(hashes(overridden.stdout).some((h) => hashes(plain.stdout).includes(h))).toBe(false);
    expect(plain.stdout).toMatch(/^0 done, 2 to train \(0 resuming\)$/m);

    const trained = await startRankbias(
      ['compare', 'sweep.yaml', '--out', 'out', '--workers', '1', 'train.steps=6', 'model.hidden[0]=5'],
      dir,
    ).done;
    expect(trained.code).toBe(0);
    const config = JSON.parse(
      readFileSync(join(dir, 'out', 'runs', hashes(overridden.stdout)[0]!, 'config.json'), 'utf8'),
    );
    expect([config.train.steps, config.model.hidden]).toEqual([6, [5]]);
    const after = await startRankbias(
      ['compare', 'sweep.yaml', '--out', 'out', '--dry-run', 'train.steps=6', 'model.hidden[0]=5'],
      dir,
    ).done;
    expect(after.stdout).toMatch(/^2 done, 0 to train \(0 resuming\)$/m);
    expect(after.stdout.match(/ completed$/gm)).toHaveLength(2);
    const bad = await startRankbias(['compare', 'sweep.yaml', '--dry-run', 'train.steps'], dir).done;
    expect(bad.code).toBe(2);
  }, 240_000);
});
