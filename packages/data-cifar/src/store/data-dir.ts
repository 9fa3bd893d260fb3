import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where downloads and default lookups go: `$RANKBIAS_DATA_DIR`, else `~/.cache/rankbias`. */
export function defaultDataDir(): string {
  return process.env.RANKBIAS_DATA_DIR ?? join(homedir(), '.cache', 'rankbias');
}
