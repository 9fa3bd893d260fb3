import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DoctorCheck, DoctorContext } from '@rankbias/core';

const execFileAsync = promisify(execFile);

/** The Chromium the HTML report's browser check uses: `$RANKBIAS_CHROMIUM`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(env: NodeJS.ProcessEnv): string {
  return env.RANKBIAS_CHROMIUM || '/usr/bin/chromium';
}

/** `rankbias doctor`'s line for Chromium: its version, or why it cannot run and how to get it. */
export async function chromiumCheck(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const path = chromiumPath(ctx.env);
  const name = 'chromium (report check)';
  try {
    const { stdout } = await execFileAsync(path, ['--version'], { timeout: 20_000 });
    return [{ topic: 'tools', name, ok: true, detail: `${stdout.trim()} at ${path}` }];
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'not found' : `does not run (${String(err.message).split('\n')[0]})`;
    return [
      {
        topic: 'tools',
        name,
        ok: false,
        detail: `${path} ${why}; only the HTML report's browser test needs it (set RANKBIAS_CHROMIUM to use another binary)`,
        looked: [path],
        fix: 'apt-get install -y chromium',
      },
    ];
  }
}
