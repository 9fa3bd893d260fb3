import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../src/index.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = join(REPO_ROOT, 'packages', 'core', 'bin', 'rankbias.js');

interface Row {
  id: string;
  verdict: string;
  estimate: { value: number | null; low: number | null; high: number | null; n: number };
  runs: { finished: number; total: number };
}

// `rankbias reproduce --scale smoke`, as a user runs it: every claim gets a row with a finite
// value from finished runs; verdicts at this size mean nothing and are not asserted.
describe('rankbias reproduce --scale smoke', () => {
  it('runs every experiment at a tiny size and writes one finite row per claim', () => {
    const out = mkdtempSync(join(tmpdir(), 'reproduce-smoke-'));
    const run = spawnSync(process.execPath, [CLI, 'reproduce', '--scale', 'smoke', '--out', out, '--workers', '2'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const { claims } = loadDefinitions();
    const rows = (JSON.parse(readFileSync(join(out, 'claims.json'), 'utf8')) as { scale: string; claims: Row[] })
      .claims;
    expect(rows.map((r) => r.id)).toEqual(claims.map((c) => c.id));
    for (const r of rows) {
      expect(Number.isFinite(r.estimate.value), `claim ${r.id}`).toBe(true);
      expect(r.estimate.n, `claim ${r.id}`).toBeGreaterThanOrEqual(1);
      expect(r.runs.finished, `claim ${r.id}`).toBe(r.runs.total);
      expect(['agrees', 'partly', 'disagrees']).toContain(r.verdict);
    }
    const md = readFileSync(join(out, 'claims.md'), 'utf8');
    for (const c of claims) expect(md).toContain(`| ${c.id} |`);
    const html = readFileSync(join(out, 'claims.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\//);
    for (const e of new Set(claims.map((c) => c.experiment)))
      expect(existsSync(join(out, e, 'report.html')), e).toBe(true);
    // Running again trains nothing and decides the same way.
    const again = spawnSync(process.execPath, [CLI, 'reproduce', '--scale', 'smoke', '--out', out], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(again.status).toBe(0);
    expect(again.stderr).not.toMatch(/\bcompleted in\b/);
    const rows2 = (JSON.parse(readFileSync(join(out, 'claims.json'), 'utf8')) as { claims: Row[] }).claims;
    expect(rows2.map((r) => [r.id, r.estimate.value])).toEqual(rows.map((r) => [r.id, r.estimate.value]));
  });
});
