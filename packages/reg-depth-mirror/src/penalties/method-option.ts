import { z } from '@rankbias/core';
import { SPECTRAL_METHODS } from '../ops/method.js';

/** The `method` option shared by the spectral penalties. */
export const methodOption = z
  .enum(SPECTRAL_METHODS)
  .default('auto')
  .describe(
    'how ||A||_* and U Vᵀ are computed: auto (by size, backend and linalg), jacobi, gram, newton-schulz, lapack (needs @rankbias/linalg-lapack)',
  );

/** The `rankTolerance` option shared by the spectral penalties (the subgradient convention's cut). */
export const rankToleranceOption = z
  .number()
  .positive()
  .lt(1)
  .optional()
  .describe(
    'relative cut: U Vᵀ keeps directions with σᵢ > rankTolerance·σ₁ in the float64 SVD of the float32 values (default max(m, n)·2⁻²³), whatever the method',
  );
