import { existsSync, readFileSync } from 'node:fs';
import type { LogRecord } from '../contracts/logger.js';
import { writeTextAtomic } from './run-dir.js';

/** Parses a `metrics.jsonl` file; an unterminated or unparsable last line (a write cut short) is dropped. */
export function readMetricsFile(file: string): LogRecord[] {
  if (!existsSync(file)) return [];
  const out: LogRecord[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as LogRecord);
    } catch (e) {
      if (i >= lines.length - 2) break;
      throw new Error(`${file} line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * Keeps the first `count` records (those written before the checkpoint a
 * run resumes from) and drops the rest, so that the resumed run appends
 * exactly what an uninterrupted run would have written.
 */
export function truncateMetrics(file: string, count: number): void {
  if (!existsSync(file)) return;
  const kept = readMetricsFile(file).slice(0, count);
  writeTextAtomic(file, kept.map((r) => JSON.stringify(r) + '\n').join(''));
}
