import { appendFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogRecord, Logger } from '../contracts/logger.js';
import { ensureDir } from '../io/ensure-dir.js';

/**
 * Appends one JSON `LogRecord` per line to a file. Each record is written
 * with one synchronous append, so a killed process loses nothing it logged.
 */
export class JsonlLogger implements Logger {
  constructor(readonly file: string) {
    ensureDir(dirname(file));
  }

  log(record: LogRecord): void {
    appendFileSync(this.file, JSON.stringify(record) + '\n');
  }
}
