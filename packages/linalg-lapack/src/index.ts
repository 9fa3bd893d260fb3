/**
 * @rankbias/linalg-lapack: rankbias's float64 linear algebra (the
 * depth-mirror and nuclear penalties' SVD, spectral metrics) on the system's
 * LAPACK through koffi, with no compiler or install script. `@rankbias/core`
 * finds and uses it when it is installed (`linalg: auto`).
 */
import { createLapackEngine, type LapackEngine } from './engine.js';
import { openLapackLibrary, type OpenLapackOptions } from './library.js';

export { createLapackEngine, LapackCallError } from './engine.js';
export type { LapackEngine, SymmetricEigenResult, ThinSvdResult } from './engine.js';
export { LAPACK_INSTALL_HINT, LapackUnavailableError } from './errors.js';
export { defaultCandidates, openLapackLibrary } from './library.js';
export type { LapackLibrary, OpenLapackOptions } from './library.js';

/**
 * Loads a LAPACK library and returns the engine over it. Throws a
 * `LapackUnavailableError` (what was tried, how to install one) when none loads.
 */
export function loadLapack(options: OpenLapackOptions = {}): LapackEngine {
  return createLapackEngine(openLapackLibrary(options));
}
