import cliProgress from 'cli-progress';
import type { LogRecord, Logger } from '../contracts/logger.js';
import { formatDuration, formatValues } from './format.js';

export interface ConsoleLoggerOptions {
  /** Where to write (default `process.stderr`). */
  readonly stream?: NodeJS.WriteStream | { write(s: string): unknown; isTTY?: boolean };
  /** Without a TTY: print a progress line every N steps (default 100). */
  readonly every?: number;
  /** Clock in milliseconds (for ETA); default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Console progress: on a TTY a `cli-progress` bar with step/total, the loss
 * terms, the last evaluation and the ETA; elsewhere (CI, pipes) a plain line
 * every `every` steps and one per evaluation.
 */
export class ConsoleProgressLogger implements Logger {
  private bar?: cliProgress.SingleBar;
  private firstStep?: number;
  private firstTime = 0;
  private lastEval = '';
  private readonly stream: NonNullable<ConsoleLoggerOptions['stream']>;
  private readonly every: number;
  private readonly now: () => number;

  constructor(options: ConsoleLoggerOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.every = options.every ?? 100;
    this.now = options.now ?? Date.now;
  }

  private get tty(): boolean {
    return Boolean(this.stream.isTTY);
  }

  private eta(step: number, total: number): number {
    if (this.firstStep === undefined || step <= this.firstStep) return NaN;
    const perStep = (this.now() - this.firstTime) / 1000 / (step - this.firstStep);
    return perStep * (total - step);
  }

  progress(step: number, totalSteps: number, values: Readonly<Record<string, number>>): void {
    if (this.firstStep === undefined) {
      this.firstStep = step;
      this.firstTime = this.now();
    }
    const terms = formatValues(values);
    if (this.tty) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar(
          {
            stream: this.stream as NodeJS.WriteStream,
            format: '{bar} {value}/{total} | {terms}{evals} | ETA {etaText}',
            hideCursor: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(totalSteps, step, { terms, evals: '', etaText: '?' });
      }
      this.bar.update(step, { terms, evals: this.lastEval ? ` | ${this.lastEval}` : '', etaText: formatDuration(this.eta(step, totalSteps)) });
    } else if (step % this.every === 0 || step === totalSteps) {
      this.stream.write(`step ${step}/${totalSteps} ${terms} eta ${formatDuration(this.eta(step, totalSteps))}\n`);
    }
  }

  log(record: LogRecord): void {
    if (record.kind !== 'eval') return;
    this.lastEval = formatValues(record.values, 4);
    if (!this.tty) this.stream.write(`eval @${record.step} ${formatValues(record.values, 12)}\n`);
  }

  close(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
