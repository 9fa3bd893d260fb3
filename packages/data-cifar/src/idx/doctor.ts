import type { DoctorCheck, DoctorProbe } from '@rankbias/core';
import { defaultDataDir } from '../store/data-dir.js';
import { findIdxFiles } from './load-idx.js';
import { idxSearchDirs, type IdxSource } from './sources.js';

/** `rankbias doctor`'s line for an IDX dataset: the folder it is found in, or where it looked and the fetch command. */
export function idxDoctor(source: IdxSource): DoctorProbe {
  return (): DoctorCheck[] => {
    const looked = idxSearchDirs(source, defaultDataDir());
    try {
      const files = findIdxFiles(looked, '');
      return [
        {
          topic: 'datasets',
          name: source.dataset,
          ok: true,
          detail: `found in ${files.trainImages.replace(/\/[^/]+$/, '')}`,
        },
      ];
    } catch {
      return [
        {
          topic: 'datasets',
          name: source.dataset,
          ok: false,
          detail: 'not found',
          looked,
          fix: `npx rankbias data fetch ${source.dataset}`,
        },
      ];
    }
  };
}
