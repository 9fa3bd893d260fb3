import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../store/data-dir.js';
import { DataFileError } from '../store/data-file-error.js';
import { downloadVerified } from '../store/download.js';
import type { CifarFormat } from './format.js';

export interface LocateCifarOptions {
  readonly path?: string;
  readonly download: boolean;
  readonly dataDir?: string;
  readonly fetchImpl?: typeof fetch;
  /** Download progress lines (default: to stderr, where training prints its own progress). */
  readonly log?: (line: string) => void;
}

const toStderr = (line: string): void => void process.stderr.write(`${line}\n`);

/** The manual step printed whenever CIFAR cannot be found or fetched. */
export function cifarManualStep(format: CifarFormat, dataDir: string): string {
  return (
    `Run "npx rankbias data fetch ${format.variant}" (add --from FILE for a copy you already have), or download ${format.url} (md5 ${format.md5}) by hand, e.g. ` +
    `"mkdir -p ${dataDir} && curl -o ${join(dataDir, format.archive)} ${format.url}", ` +
    `then either leave it there or pass its path (the .tar.gz, or the folder it unpacks to) as data.path`
  );
}

/**
 * Finds the distribution: `path` when given, else the unpacked folder or the
 * archive in the data directory; downloads the archive (verified) when asked
 * and nothing is found.
 */
/** The places `locateCifar` looks in when no path is given, in order. */
export function cifarCandidates(format: CifarFormat, dataDir: string): string[] {
  return [join(dataDir, format.folder), join(dataDir, format.archive)];
}

export async function locateCifar(format: CifarFormat, options: LocateCifarOptions): Promise<string> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const manual = cifarManualStep(format, dataDir);
  if (options.path !== undefined) {
    if (existsSync(options.path)) return options.path;
    if (options.download && options.path.endsWith('.tar.gz')) {
      return downloadVerified({
        url: format.url,
        target: options.path,
        md5: format.md5,
        manualStep: manual,
        fetchImpl: options.fetchImpl,
        log: options.log ?? toStderr,
        label: format.variant,
      });
    }
    throw new DataFileError(
      options.path,
      'does not exist',
      options.download
        ? `${manual} (download: true only writes to a path ending in .tar.gz)`
        : `${manual}, or set download: true`,
    );
  }
  for (const candidate of cifarCandidates(format, dataDir)) {
    if (existsSync(candidate)) return candidate;
  }
  if (options.download) {
    return downloadVerified({
      url: format.url,
      target: join(dataDir, format.archive),
      md5: format.md5,
      manualStep: manual,
      fetchImpl: options.fetchImpl,
      log: options.log ?? toStderr,
      label: format.variant,
    });
  }
  throw new DataFileError(
    dataDir,
    `holds neither ${format.folder}/ nor ${format.archive}, and no data.path was given`,
    `${manual}; or set download: true where the network is reachable`,
  );
}
