import { setFloat64Accelerator } from '@rankbias/core';
import { describePenaltyConformance } from '@rankbias/core/testing';
import { loadLapack } from '@rankbias/linalg-lapack';
import { afterAll, beforeAll, describe } from 'vitest';
import { depthMirrorPenalty, l2Penalty, nuclearPenalty } from '../src/index.js';

// The shared suite from core on every penalty of this package (and each spectral method of depth-mirror).
for (const method of ['auto', 'jacobi', 'gram', 'newton-schulz']) {
  describePenaltyConformance({ factory: depthMirrorPenalty, options: { method } });
}
describePenaltyConformance({ factory: nuclearPenalty });
describePenaltyConformance({ factory: nuclearPenalty, options: { method: 'newton-schulz' } });
describePenaltyConformance({ factory: l2Penalty });

// The LAPACK route (the system's library, which .ci/run installs), with the accelerator active as a run has it.
describe('with the LAPACK accelerator active', () => {
  beforeAll(() => setFloat64Accelerator(loadLapack()));
  afterAll(() => setFloat64Accelerator(undefined));
  describePenaltyConformance({ factory: depthMirrorPenalty, options: { method: 'lapack' } });
  describePenaltyConformance({ factory: nuclearPenalty, options: { method: 'lapack' } });
});
