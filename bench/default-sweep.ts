/**
 * The default sweep's wall and CPU time: `rankbias compare examples/default-sweep.yaml`
 * into a fresh directory with one worker, with and without --batch-runs, against the same 27 runs (1000 steps,
 * evaluation every 50) trained one after another in PyTorch on one thread
 * (bench/torch_default_sweep.py).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_BLAS_WARNING, SYSTEM_PYTHON } from './torch.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

interface Timed {
  readonly wallS: number;
  readonly cpuS: number;
}

/** Runs `command` under bash's `time` (user + system CPU of it and its children). */
function timed(command: string, env: NodeJS.ProcessEnv = process.env): Timed & { stdout: string } {
  const run = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time (${command})`], {
    cwd: repo,
    encoding: 'utf8',
    env,
    maxBuffer: 1 << 26,
  });
  const last = run.stderr.trim().split('\n').at(-1) ?? '';
  const [real, user, sys] = last.split(' ').map(Number) as [number, number, number];
  if (run.status !== 0 || !Number.isFinite(real)) throw new Error(`"${command}" failed: ${run.stderr.slice(-500)}`);
  return { wallS: real, cpuS: user + sys, stdout: run.stdout };
}

function summaryLine(dir: string): string {
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  return summary.split('\n').find((l) => /depth-mirror/.test(l) && l.startsWith('|')) ?? '';
}

/** Times both sides and returns the comparison as printable lines. */
export async function benchDefaultSweep(withTorch: boolean, torchThreads: number): Promise<string> {
  const out = mkdtempSync(join(os.tmpdir(), 'rankbias-default-sweep-'));
  try {
    const local = timed(
      `node packages/core/bin/rankbias.js compare examples/default-sweep.yaml --out ${out} --workers 1 > /dev/null`,
    );
    const batchedOut = `${out}-batched`;
    const batched = timed(
      `node packages/core/bin/rankbias.js compare examples/default-sweep.yaml --out ${batchedOut} --workers 1 --batch-runs > /dev/null`,
    );
    const lines = [
      'default sweep (examples/default-sweep.yaml, 27 runs x 1000 steps, one worker / one thread):',
      `  rankbias compare (wasm): ${local.wallS.toFixed(1)} s wall, ${local.cpuS.toFixed(1)} s CPU`,
      `  rankbias compare --batch-runs: ${batched.wallS.toFixed(1)} s wall, ${batched.cpuS.toFixed(1)} s CPU`,
      `  first depth-mirror row of summary.md: ${summaryLine(out)}`,
      `  the same row with --batch-runs:       ${summaryLine(batchedOut)}`,
    ];
    rmSync(batchedOut, { recursive: true, force: true });
    if (withTorch) {
      const n = String(torchThreads > 0 ? torchThreads : 1);
      const env = { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
      const torch = timed(`${SYSTEM_PYTHON} bench/torch_default_sweep.py --threads ${n}`, env);
      const blas = /^blas (.+)$/m.exec(torch.stdout)?.[1] ?? 'unknown';
      lines.push(`  PyTorch (${blas}), same runs: ${torch.wallS.toFixed(1)} s wall, ${torch.cpuS.toFixed(1)} s CPU`);
      if (blas === 'reference BLAS') lines.push(`  ${REFERENCE_BLAS_WARNING}`);
      lines.push(
        `  ratio rankbias/PyTorch:     ${(local.wallS / torch.wallS).toFixed(2)}x wall, ${(local.cpuS / torch.cpuS).toFixed(2)}x CPU`,
      );
    }
    return lines.join('\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
