import { existsSync } from 'node:fs';
import type { DoctorCheck, DoctorProbe } from '@rankbias/core';
import { defaultDataDir } from '../store/data-dir.js';
import type { CifarFormat } from './format.js';
import { cifarCandidates } from './locate.js';

/** `rankbias doctor`'s line for CIFAR: the folder or archive found in the data directory, or where it looked. */
export function cifarDoctor(format: CifarFormat): DoctorProbe {
  return (): DoctorCheck[] => {
    const looked = cifarCandidates(format, defaultDataDir());
    const found = looked.find((p) => existsSync(p));
    return found
      ? [{ topic: 'datasets', name: format.variant, ok: true, detail: `found ${found}` }]
      : [
          {
            topic: 'datasets',
            name: format.variant,
            ok: false,
            detail: 'not found (or give data.path in the config)',
            looked,
            fix: `npx rankbias data fetch ${format.variant}`,
          },
        ];
  };
}
