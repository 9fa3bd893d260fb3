import { spawn } from 'node:child_process';

/**
 * `--concurrency N`: N worker processes of one run each (tfjs' engine is process-wide,
 * so runs sharing a process would share its state). Children get their own process
 * group and each signal once, so one Ctrl-C means "checkpoint and return the jobs".
 */
export async function superviseWorkers(count: number, say: (line: string) => void): Promise<number> {
  const args = withoutConcurrency(process.argv.slice(2));
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args, '--concurrency', '1'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    }),
  );
  let signals = 0;
  const forward = (signal: NodeJS.Signals) => {
    signals++;
    for (const child of children) if (child.exitCode === null) child.kill(signals > 1 ? 'SIGKILL' : signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  say(`rankbias worker: started ${count} worker processes (${children.map((c) => c.pid).join(', ')})`);
  const codes = await Promise.all(
    children.map((c) => new Promise<number>((done) => c.on('exit', (code) => done(code ?? 130)))),
  );
  process.off('SIGINT', forward);
  process.off('SIGTERM', forward);
  return Math.max(...codes);
}

function withoutConcurrency(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--concurrency') i++;
    else if (!args[i]!.startsWith('--concurrency=')) out.push(args[i]!);
  }
  return out;
}
