import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TIMING_FILE = 'reproduce-timing.json';

/** Wall seconds spent running an experiment's sweep, summed over every `reproduce` that trained it. */
export function readWallSeconds(experimentDir: string): number {
  const file = join(experimentDir, TIMING_FILE);
  if (!existsSync(file)) return 0;
  try {
    const s = (JSON.parse(readFileSync(file, 'utf8')) as { wallSeconds?: unknown }).wallSeconds;
    return typeof s === 'number' && Number.isFinite(s) ? s : 0;
  } catch {
    return 0;
  }
}

export function addWallSeconds(experimentDir: string, seconds: number): void {
  const total = readWallSeconds(experimentDir) + seconds;
  writeFileSync(join(experimentDir, TIMING_FILE), `${JSON.stringify({ wallSeconds: Math.round(total * 10) / 10 })}\n`);
}
