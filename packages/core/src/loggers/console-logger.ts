import cliProgress from 'cli-progress';
import type { LogRecord, Logger } from '../contracts/logger.js';
import { EtaClock, formatEta } from './eta.js';
import { formatValues } from './format.js';

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
  private readonly clock: EtaClock;
  private lastEval = '';
  private readonly stream: NonNullable<ConsoleLoggerOptions['stream']>;
  private readonly every: number;

  constructor(options: ConsoleLoggerOptions = {}) {
    this.stream = options.stream ?? process.stderr;
    this.every = options.every ?? 100;
    this.clock = new EtaClock(options.now ?? Date.now);
  }

  private get tty(): boolean {
    return Boolean(this.stream.isTTY);
  }

  progress(step: number, totalSteps: number, values: Readonly<Record<string, number>>): void {
    const eta = formatEta(this.clock.secondsLeft(step, totalSteps));
    const terms = formatValues(values);
    if (this.tty) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar(
          {
            stream: this.stream as NodeJS.WriteStream,
            format: '{bar} {value}/{total} | {terms}{evals}{remaining}',
            hideCursor: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(totalSteps, step, { terms, evals: '', remaining: '' });
      }
      this.bar.update(step, {
        terms,
        evals: this.lastEval ? ` | ${this.lastEval}` : '',
        remaining: eta && ` | ${eta}`,
      });
    } else if (step % this.every === 0 || step === totalSteps) {
      this.stream.write(`step ${step}/${totalSteps} ${terms}${eta && ` ${eta}`}\n`);
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
