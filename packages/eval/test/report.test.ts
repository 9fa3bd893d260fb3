import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregate, curvePoints } from '../src/report/aggregate.js';
import { collectRuns, readCurves } from '../src/report/collect.js';
import { stat } from '../src/stats/interval.js';
import { writeReport } from '../src/report/write-report.js';
import { writeFixtureSweep } from './support/fixture-runs.js';
import { Command } from 'commander';
import { container } from 'tsyringe';
import type { CliEnv } from '@rankbias/core';
import { registerReportCommand } from '../src/commands/report.js';
import { comparePaired } from '../src/report/paired.js';
import { rankingNote } from '../src/report/tables.js';
import { formatNumber, formatStat } from '../src/stats/format.js';

const loss = (depth: number, lr: number, seed: number, t = 200) => (1 + 0.1 * seed) / (1 + lr * t) + 0.05 * depth;

describe('aggregation', () => {
  it('groups by config without seed; mean ± std and n of final metrics; sorted by the target', () => {
    const out = writeFixtureSweep({ failSeed2Depth3: true });
    const runs = collectRuns(out);
    expect(runs).toHaveLength(12);
    const groups = aggregate(runs, { metric: 'test/loss', mode: 'min', use: 'final' });
    expect(groups.map((g) => g.label)).toEqual([
      'model.depth=1 · optimizer.lr=0.1',
      'model.depth=3 · optimizer.lr=0.1',
      'model.depth=1 · optimizer.lr=0.01',
      'model.depth=3 · optimizer.lr=0.01',
    ]);
    const g = groups[0]!;
    const expected = stat([0, 1, 2].map((s) => loss(1, 0.1, s)));
    expect(g.n).toBe(3);
    expect(g.final['test/loss']!.mean).toBeCloseTo(expected.mean, 12);
    expect(g.final['test/loss']!.std).toBeCloseTo(expected.std, 12);
    const failedGroup = groups[1]!;
    expect(failedGroup.n).toBe(2);
    expect(failedGroup.failed).toBe(1);
    expect(failedGroup.final['test/loss']!.mean).toBeCloseTo((loss(3, 0.1, 0) + loss(3, 0.1, 1)) / 2, 12);
    // mode max reverses the order
    expect(aggregate(runs, { metric: 'test/loss', mode: 'max', use: 'final' })[0]!.label).toBe(
      'model.depth=3 · optimizer.lr=0.01',
    );
  });

  it('learning curves: per-step mean and 95% CI over seeds', () => {
    const out = writeFixtureSweep();
    const runs = collectRuns(out);
    const groups = aggregate(runs, { metric: 'test/loss', mode: 'min', use: 'final' });
    const pts = curvePoints(runs, groups, 'test/loss').filter((p) => p.label === groups[0]!.label);
    expect(pts.map((p) => p.step)).toEqual([0, 50, 100, 150, 200]);
    const at50 = stat([0, 1, 2].map((s) => loss(1, 0.1, s, 50)));
    expect(pts[1]!.mean).toBeCloseTo(at50.mean, 12);
    expect(pts[1]!.hi - pts[1]!.mean).toBeCloseTo(at50.half, 12);
    expect(at50.half).toBeCloseTo((4.302653 * at50.std) / Math.sqrt(3), 5);
  });

  it('readCurves ignores a cut-short last line', () => {
    const out = writeFixtureSweep();
    const dir = join(out, 'runs', readdirSync(join(out, 'runs'))[0]!);
    const file = join(dir, 'metrics.jsonl');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text + '{"step": 250, "kind": "ev');
    expect(
      readCurves(file)
        .get('test/loss')!
        .map(([s]) => s),
    ).toEqual([0, 50, 100, 150, 200]);
  });
});

describe('report files', () => {
  it('writes summary.md/csv, SVG+PNG plots and a self-contained report.html, deterministically', async () => {
    const out = writeFixtureSweep({ failSeed2Depth3: true });
    const files = await writeReport(out);
    const md = readFileSync(files.summaryMd, 'utf8');
    expect(md).toContain('# fixture sweep');
    expect(md).toMatch(/\| 1 \| model\.depth=1 · optimizer\.lr=0\.1 \| 3 \| 0\.102 ± 0\.012 \|/);
    expect(md).toContain('- **test/loss (final)**: test loss, at the last evaluation; lower is better.');
    expect(md).toContain('overlaps no other group');
    expect(md).toMatch(/model\.depth=3 · optimizer\.lr=0\.1 \| 2 \(1 failed\)/);
    expect(md).not.toMatch(/sv\/end-to-end/); // sv/* hidden from the summary by default
    expect(md).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no dates
    const csv = readFileSync(files.summaryCsv, 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(
      /^rank,group,label,model\.depth,optimizer\.lr,n,failed,missing,erank\/end-to-end:final:mean,erank\/end-to-end:final:std,erank\/end-to-end:final:n,erank\/end-to-end:final:ci_low,erank\/end-to-end:final:ci_high,/,
    );
    expect(csv).toHaveLength(5);
    const row1 = csv[1]!.split(',');
    const col = (name: string) => Number(row1[csv[0]!.split(',').indexOf(name)]);
    const top = stat([0, 1, 2].map((s) => loss(1, 0.1, s)));
    expect(col('test/loss:final:mean')).toBeCloseTo(top.mean, 12);
    expect(col('test/loss:final:ci_low')).toBeCloseTo(top.lo, 12);
    expect(col('test/loss:final:ci_high')).toBeCloseTo(top.hi, 12);
    expect(col('test/loss:final:n')).toBe(3);

    const plots = readdirSync(join(out, 'plots')).sort();
    expect(plots).toEqual([
      'curve-erank-end-to-end.png',
      'curve-erank-end-to-end.svg',
      'curve-test-loss.png',
      'curve-test-loss.svg',
      'vs-model-depth-erank-end-to-end.png',
      'vs-model-depth-erank-end-to-end.svg',
      'vs-model-depth-test-loss.png',
      'vs-model-depth-test-loss.svg',
      'vs-optimizer-lr-erank-end-to-end.png',
      'vs-optimizer-lr-erank-end-to-end.svg',
      'vs-optimizer-lr-test-loss.png',
      'vs-optimizer-lr-test-loss.svg',
    ]);
    const png = readFileSync(join(out, 'plots', 'curve-test-loss.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = readFileSync(join(out, 'plots', 'curve-test-loss.svg'), 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('>model.depth</text>'); // legend titles name the encoded parameters
    expect(svg).toContain('>optimizer.lr</text>');

    const html = readFileSync(files.html, 'utf8');
    expect(html).not.toMatch(/<script|<link|@import|url\((?!#)/i); // url(#…) only: clip paths inside the page
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/i);
    expect((html.match(/<figure><svg/g) ?? []).length).toBe(6);
    expect(html).toContain('<table class="summary">');
    // each run links its config and curves
    for (const r of collectRuns(out)) {
      expect(html).toContain(`href="runs/${r.id}/config.json"`);
      expect(html).toContain(`href="runs/${r.id}/metrics.jsonl"`);
    }

    const again = await writeReport(out);
    expect(readFileSync(again.summaryMd, 'utf8')).toBe(md);
    expect(readFileSync(again.html, 'utf8')).toBe(html);
    expect(readFileSync(join(out, 'plots', 'curve-test-loss.png')).equals(png)).toBe(true);
  });

  it('says clearly when a directory holds no runs', async () => {
    await expect(writeReport('/nonexistent/rankbias')).rejects.toThrow(/no sweep runs under/);
  });
});

describe('ranking and paired comparison', () => {
  const a = 'model.depth=1 · optimizer.lr=0.1';
  const b = 'model.depth=1 · optimizer.lr=0.01';

  it('the ranking note names the groups whose intervals overlap the leader', () => {
    const runs = collectRuns(writeFixtureSweep({ failSeed2Depth3: true }));
    expect(
      rankingNote(aggregate(runs, { metric: 'test/loss', mode: 'min', use: 'final' }), {
        metric: 'test/loss',
        mode: 'min',
        use: 'final',
      }),
    ).toBe(`#1 ${a}: its 95% interval on test/loss overlaps no other group's.`);
    const max = { metric: 'test/loss', mode: 'max', use: 'final' } as const;
    expect(rankingNote(aggregate(runs, max), max)).toBe(
      `The 95% intervals on test/loss of #1 model.depth=3 · optimizer.lr=0.01 and #2 ${b} overlap: these seeds do not separate them.`,
    );
  });

  it('report --compare prints the paired mean difference over shared seeds with its t-interval', async () => {
    const out = writeFixtureSweep({ failSeed2Depth3: true });
    const lines: string[] = [];
    const env: CliEnv = {
      container,
      out: (l) => lines.push(l),
      err: (l) => lines.push(`ERR ${l}`),
      setExitCode: () => {},
    };
    const program = new Command().exitOverride();
    registerReportCommand(program, env);
    await program.parseAsync(['report', out, '--compare', a, b], { from: 'user' });
    const diffs = [0, 1, 2].map((s) => loss(1, 0.1, s) - loss(1, 0.01, s));
    const d = stat(diffs);
    expect(d.half).toBeCloseTo((4.302653 * d.std) / Math.sqrt(3), 5);
    expect(lines[0]).toBe(`test/loss (final): "${a}" − "${b}" over 3 shared seed(s) (0, 1, 2)`);
    expect(lines[1]).toBe(
      `mean difference ${formatStat(d)} (95% CI [${formatNumber(d.lo)}, ${formatNumber(d.hi)}], Student t, paired by seed); the interval excludes 0: "${b}" is higher`,
    );
    // seed 2 of depth 3 failed: only seeds 0 and 1 are shared
    const c = comparePaired(collectRuns(out), a, 'model.depth=3 · optimizer.lr=0.1', 'test/loss', 'final');
    expect(c.difference.seeds).toEqual([0, 1]);
    expect(c.difference.mean).toBeCloseTo(-0.1, 12);
    await expect(program.parseAsync(['report', out, '--compare', a, 'nope'], { from: 'user' })).rejects.toThrow(
      /no group "nope" in this sweep; groups: /,
    );
  });
});
