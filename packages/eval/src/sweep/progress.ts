import { closeSync, openSync, readSync, statSync } from 'node:fs';
import cliProgress from 'cli-progress';

/** The last step recorded in a `metrics.jsonl` (reads only the file's tail). */
export function lastLoggedStep(file: string): number {
  let fd: number | undefined;
  try {
    const size = statSync(file).size;
    const len = Math.min(size, 8192);
    const buf = Buffer.alloc(len);
    fd = openSync(file, 'r');
    readSync(fd, buf, 0, len, size - len);
    const lines = buf.toString('utf8').split('\n').filter((l) => l.trim());
    for (let i = lines.length - 1; i >= 0; i--) {
      try {
        const step = (JSON.parse(lines[i]!) as { step?: unknown }).step;
        if (typeof step === 'number') return step;
      } catch {
        // a partial first or last line
      }
    }
    return 0;
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Counters shown by the progress display. */
export interface SweepCounts {
  readonly runs: number;
  readonly done: number;
  readonly running: number;
  readonly failed: number;
}

/** Overall sweep progress: a bar (over training steps) on a terminal, one line per finished run otherwise. */
export interface SweepProgress {
  update(steps: number, counts: SweepCounts): void;
  line(text: string): void;
  stop(): void;
}

/** A progress display on `stream` (a cli-progress bar when it is a TTY). */
export function createProgress(totalSteps: number, runs: number, stream: NodeJS.WriteStream = process.stderr): SweepProgress {
  if (!stream.isTTY) {
    return { update: () => {}, line: (t) => stream.write(t + '\n'), stop: () => {} };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: 'compare {bar} {percentage}% | runs {done}/{runs} done, {running} running, {failed} failed | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(Math.max(1, totalSteps), 0, { runs, done: 0, running: 0, failed: 0 });
  return {
    update: (steps, counts) => bar.update(Math.min(steps, totalSteps), { ...counts }),
    line: (t) => multi.log(t + '\n'),
    stop: () => multi.stop(),
  };
}
