export interface LogRecord {
  readonly step: number;
  /** `train` for step losses, `eval` for evaluation metrics. */
  readonly kind: 'train' | 'eval';
  readonly values: Readonly<Record<string, number>>;
  /** Seconds since the run (or the resumed run) started. */
  readonly time: number;
}

/** A sink for records: JSONL file, console progress, anything else. */
export interface Logger {
  log(record: LogRecord): void;
  /** Progress information for interactive loggers. */
  progress?(step: number, totalSteps: number, values: Readonly<Record<string, number>>): void;
  close?(): void | Promise<void>;
}
