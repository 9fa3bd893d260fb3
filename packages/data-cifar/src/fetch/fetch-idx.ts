import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { STANDARD_IDX_NAMES, type IdxFiles } from '../idx/load-idx.js';
import type { IdxSource } from '../idx/sources.js';
import { downloadVerified } from '../store/download.js';
import { DataFileError } from '../store/data-file-error.js';
import { md5OfContent } from './checksum.js';
import type { SourceLocation } from './source-location.js';
import { withStagingDir, type StagedFile } from './stage.js';
import type { FetchOptions } from './fetch-options.js';

/** The one line telling a user what to do by hand. */
export function idxManualStep(source: IdxSource): string {
  const names = Object.values(STANDARD_IDX_NAMES)
    .map((n) => `${n}.gz`)
    .join(', ');
  const system = source.systemPackage ? ` (or ${source.systemPackage}, then --from ${source.systemDirs[0]})` : '';
  return `Download ${names} from ${source.baseUrl} into one folder and run "npx rankbias data fetch ${source.dataset} --from FOLDER"${system}`;
}

/** The four files in a local folder, plain or `.gz`. */
function localFiles(folder: string, source: IdxSource): Record<keyof IdxFiles, string> {
  const out: Partial<Record<keyof IdxFiles, string>> = {};
  for (const [key, name] of Object.entries(STANDARD_IDX_NAMES) as [keyof IdxFiles, string][]) {
    const hit = [join(folder, `${name}.gz`), join(folder, name)].find((p) => existsSync(p));
    if (!hit) throw new DataFileError(folder, `holds neither ${name} nor ${name}.gz`, idxManualStep(source));
    out[key] = hit;
  }
  return out as Record<keyof IdxFiles, string>;
}

/**
 * Puts the four IDX files of `source` into `<dataDir>/<folder>`: downloaded
 * (the official `.gz` md5) or copied from a local folder (the md5 of the
 * decompressed content, so re-compressed copies such as Debian's verify too).
 * Nothing reaches the cache unless all four verify.
 */
export async function fetchIdx(
  source: IdxSource,
  from: SourceLocation | undefined,
  options: FetchOptions,
): Promise<string[]> {
  const folder = join(options.dataDir, source.folder);
  const manualStep = idxManualStep(source);
  if (from?.kind === 'file') {
    throw new DataFileError(
      from.path,
      'is a file, but this dataset is four files',
      `Give --from the folder holding them. ${manualStep}`,
    );
  }
  const local = from?.kind === 'folder' ? localFiles(from.path, source) : undefined;
  return withStagingDir(options.dataDir, async (stage) => {
    const staged: StagedFile[] = [];
    for (const [key, name] of Object.entries(STANDARD_IDX_NAMES) as [keyof IdxFiles, string][]) {
      const expected = source.checksums[key];
      // the loader takes a plain file before a .gz: whichever this fetch writes, the other goes
      const replaces = [join(folder, name), join(folder, `${name}.gz`)];
      if (local) {
        const file = local[key];
        const copy = join(stage, basename(file));
        options.log(`${source.dataset}: copying ${file}`);
        await copyFile(file, copy);
        const md5 = await md5OfContent(copy);
        if (md5 !== expected.md5) {
          throw new DataFileError(
            file,
            `content has md5 ${md5}, expected ${expected.md5} (the official ${name}); refused, nothing was written to ${folder}`,
            manualStep,
          );
        }
        staged.push({ staged: copy, target: join(folder, basename(file)), replaces });
      } else {
        const base = from?.kind === 'url' ? from.url.replace(/\/?$/, '/') : source.baseUrl;
        const url = `${base}${name}.gz`;
        options.log(`${source.dataset}: downloading ${url}`);
        const copy = await downloadVerified({
          url,
          target: join(stage, `${name}.gz`),
          md5: expected.gzMd5,
          manualStep,
          fetchImpl: options.fetchImpl,
          log: options.log,
          label: `${source.dataset} ${name}`,
        });
        staged.push({ staged: copy, target: join(folder, `${name}.gz`), replaces });
      }
    }
    return staged;
  });
}
