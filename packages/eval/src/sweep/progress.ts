import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { EtaClock, formatEta } from '@rankbias/core';
import cliProgress from 'cli-progress';
import type { SweepReporter, SweepRun } from '@rankbias/core';

/** The last step recorded in a `metrics.jsonl` (reads only the file's tail). */
export function lastLoggedStep(file: string): number {
  let fd: number | undefined;
  try {
    const size = statSync(file).size;
    const len = Math.min(size, 8192);
    const buf = Buffer.alloc(len);
    fd = openSync(file, 'r');
    readSync(fd, buf, 0, len, size - len);
    const lines = buf
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim());
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

/** Options of the plain-text display (not a terminal: a log file, CI, nohup). */
export interface PlainProgressOptions {
  /** A status line at most this often (default 60 s), besides one line per finished run. */
  readonly everyMs?: number;
  readonly now?: () => number;
}

/**
 * Progress as plain lines: one per finished run, and a status line at most
 * every `everyMs` while training (`compare: 12% of steps | runs 3/63 done,
 * 2 running, 0 failed | ETA 38m10s`), so a log shows that long runs move.
 */
export function plainProgress(
  totalSteps: number,
  write: (text: string) => void,
  options: PlainProgressOptions = {},
): SweepProgress {
  const now = options.now ?? Date.now;
  const everyMs = options.everyMs ?? 60_000;
  const clock = new EtaClock(now);
  let last = now();
  return {
    update: (steps, counts) => {
      const done = Math.min(steps, totalSteps);
      const eta = formatEta(clock.secondsLeft(done, totalSteps));
      if (now() - last < everyMs) return;
      last = now();
      const percent = Math.floor((100 * done) / Math.max(1, totalSteps));
      write(
        `compare: ${percent}% of steps | runs ${counts.done}/${counts.runs} done, ${counts.running} running, ${counts.failed} failed${eta && ` | ${eta}`}\n`,
      );
    },
    line: (t) => write(t + '\n'),
    stop: () => {},
  };
}

/** A progress display on `stream` (a cli-progress bar when it is a TTY, plain lines otherwise). */
export function createProgress(
  totalSteps: number,
  runs: number,
  stream: NodeJS.WriteStream = process.stderr,
): SweepProgress {
  if (!stream.isTTY) return plainProgress(totalSteps, (t) => stream.write(t));
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: 'compare {bar} {percentage}% | runs {done}/{runs} done, {running} running, {failed} failed{remaining}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(Math.max(1, totalSteps), 0, { runs, done: 0, running: 0, failed: 0, remaining: '' });
  // cli-progress' own {eta_formatted} prints "2m60s" and "NFs"; core's clock prints "3m05s", or nothing while unknown
  const clock = new EtaClock();
  return {
    update: (steps, counts) => {
      const eta = formatEta(clock.secondsLeft(Math.min(steps, totalSteps), totalSteps));
      bar.update(Math.min(steps, totalSteps), { ...counts, remaining: eta && ` | ${eta}` });
    },
    line: (t) => multi.log(t + '\n'),
    stop: () => multi.stop(),
  };
}

/** Training steps of a run (its config's `train.steps`). */
export function stepsOf(run: SweepRun): number {
  return Number((run.config.train as { steps?: number } | undefined)?.steps ?? 1);
}

/**
 * A `SweepReporter` that shows an executor's events on a `SweepProgress`
 * (made once the planned runs are known): the bar over training steps and a
 * line per finished or failed run. `stop` ends the display.
 */
export function progressReporter(
  make: (totalSteps: number, runs: number) => SweepProgress = createProgress,
  say: (line: string) => void = (t) => process.stderr.write(t + '\n'),
): SweepReporter & { stop(): void } {
  let progress: SweepProgress | undefined;
  let total = 0;
  let finishedSteps = 0;
  let done = 0;
  let failed = 0;
  const running = new Map<string, number>();
  const tick = () => {
    let steps = finishedSteps;
    for (const s of running.values()) steps += s;
    progress?.update(steps, { runs: total, done, running: running.size, failed });
  };
  const timer = setInterval(tick, 1000);
  return {
    planned(runs) {
      total = runs.length;
      progress = make(
        runs.reduce((s, r) => s + stepsOf(r), 0),
        runs.length,
      );
    },
    started(run) {
      running.set(run.id, 0);
    },
    step(run, step) {
      if (running.has(run.id)) running.set(run.id, Math.min(step, stepsOf(run)));
    },
    finished(run, report) {
      running.delete(run.id);
      const line = progress ? (t: string) => progress!.line(t) : say;
      if (report.status === 'completed') {
        done++;
        finishedSteps += stepsOf(run);
        line(
          `[${done}/${total}] ${run.label} seed ${run.seed}: ${report.result?.status ?? 'completed'} in ${report.seconds.toFixed(1)}s (${run.id})`,
        );
      } else if (report.status === 'failed') {
        failed++;
        line(
          `FAILED ${run.label} seed ${run.seed}: ${report.message ?? 'unknown error'}${report.log ? ` (log: ${report.log})` : ''}`,
        );
      }
    },
    line(text) {
      if (progress) progress.line(text);
      else say(text);
    },
    stop() {
      clearInterval(timer);
      tick();
      progress?.stop();
    },
  };
}
