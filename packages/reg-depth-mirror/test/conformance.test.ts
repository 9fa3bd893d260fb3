import { describePenaltyConformance } from '@rankbias/core/testing';
import { depthMirrorPenalty, l2Penalty, nuclearPenalty } from '../src/index.js';

// The shared suite from core on every penalty of this package (and each spectral method of depth-mirror).
for (const method of ['auto', 'jacobi', 'gram', 'newton-schulz']) {
  describePenaltyConformance({ factory: depthMirrorPenalty, options: { method } });
}
describePenaltyConformance({ factory: nuclearPenalty });
describePenaltyConformance({ factory: nuclearPenalty, options: { method: 'newton-schulz' } });
describePenaltyConformance({ factory: l2Penalty });
