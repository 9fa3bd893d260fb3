/**
 * No LAPACK library could be loaded. `tried` says what was tried and why each
 * failed; the message ends with how to get one.
 */
export class LapackUnavailableError extends Error {
  override readonly name = 'LapackUnavailableError';
  constructor(
    readonly tried: readonly string[],
    readonly hint: string = LAPACK_INSTALL_HINT,
  ) {
    super(`no LAPACK library could be loaded (${tried.join('; ')}); ${hint}`);
  }
}

/** How to get a LAPACK library, per platform. */
export const LAPACK_INSTALL_HINT =
  'install one (Debian/Ubuntu: apt-get install libopenblas0-pthread; Fedora: dnf install openblas; ' +
  'macOS ships Accelerate) or point RANKBIAS_LAPACK at a shared library exporting dgesdd_, dsyevd_, dsyrk_ and cblas_dgemm/cblas_sgemm';
