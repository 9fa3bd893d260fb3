import { z } from '@rankbias/core';
import { SPECTRAL_METHODS } from '../ops/method.js';

/** The `method` option shared by the spectral penalties. */
export const methodOption = z
  .enum(SPECTRAL_METHODS)
  .default('auto')
  .describe('how ||A||_* and U Vᵀ are computed: auto (by size and backend), jacobi, gram, newton-schulz');
