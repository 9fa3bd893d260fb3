import { copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CifarFormat } from '../cifar/format.js';
import { downloadVerified } from '../store/download.js';
import { DataFileError } from '../store/data-file-error.js';
import { md5OfFile } from './checksum.js';
import type { FetchOptions } from './fetch-options.js';
import type { SourceLocation } from './source-location.js';
import { withStagingDir } from './stage.js';

/** The one line telling a user what to do by hand. */
export function cifarFetchManualStep(format: CifarFormat): string {
  return `Download ${format.url} (md5 ${format.md5}) where the network allows and run "npx rankbias data fetch ${format.variant} --from ${format.archive}"`;
}

/**
 * Puts the official archive into `<dataDir>/<archive>` (where the loader
 * looks), md5-verified: downloaded, or copied from a local archive or a
 * folder holding it. A file that does not verify never reaches the cache.
 */
export async function fetchCifar(
  format: CifarFormat,
  from: SourceLocation | undefined,
  options: FetchOptions,
): Promise<string[]> {
  const target = join(options.dataDir, format.archive);
  const manualStep = cifarFetchManualStep(format);
  return withStagingDir(options.dataDir, async (stage) => {
    const staged = join(stage, format.archive);
    if (from && from.kind !== 'url') {
      const file = from.kind === 'folder' ? join(from.path, format.archive) : from.path;
      if (!existsSync(file)) throw new DataFileError(from.path, `holds no ${format.archive}`, manualStep);
      options.log(`${format.variant}: copying ${file}`);
      await copyFile(file, staged);
      const md5 = await md5OfFile(staged);
      if (md5 !== format.md5) {
        throw new DataFileError(
          file,
          `has md5 ${md5}, expected ${format.md5} (the official ${format.archive}); refused, nothing was written to ${options.dataDir}`,
          manualStep,
        );
      }
    } else {
      const url =
        from?.kind === 'url'
          ? from.url.endsWith('.tar.gz')
            ? from.url
            : `${from.url.replace(/\/?$/, '/')}${format.archive}`
          : format.url;
      options.log(`${format.variant}: downloading ${url}`);
      await downloadVerified({
        url,
        target: staged,
        md5: format.md5,
        manualStep,
        fetchImpl: options.fetchImpl,
        log: options.log,
        label: format.variant,
      });
    }
    return [{ staged, target }];
  });
}
