import koffi from 'koffi';
import { LapackUnavailableError } from './errors.js';

/** The Fortran routines the engine calls (LP64: 32-bit integers), with gfortran's hidden string lengths. */
export interface LapackFunctions {
  /** CBLAS's dgemm (arguments by value). */
  readonly cblasDgemm: (...args: unknown[]) => void;
  /** CBLAS's sgemm: every argument by value, so a call costs well under a microsecond through koffi (a
   * Fortran-style call with pointers and strings costs ~6 µs, as much as a 60³ product). */
  readonly cblasSgemm: (...args: unknown[]) => void;
  readonly dsyrk: (...args: unknown[]) => void;
  readonly dsyevd: (...args: unknown[]) => void;
  readonly dgesdd: (...args: unknown[]) => void;
}

/** A loaded LAPACK library. */
export interface LapackLibrary {
  /** The file or name it was loaded from. */
  readonly path: string;
  /** `openblas_get_config()` where the library is OpenBLAS. */
  readonly config?: string;
  /** BLAS threads in use, where the library lets us set them (OpenBLAS); otherwise undefined. */
  readonly threads?: number;
  readonly fn: LapackFunctions;
}

/** Options of `openLapackLibrary`. */
export interface OpenLapackOptions {
  /** A path or soname to load instead of searching (default: the RANKBIAS_LAPACK environment variable). */
  readonly library?: string;
  /** BLAS threads for OpenBLAS (default RANKBIAS_LAPACK_THREADS or 1: rankbias runs one training per core). */
  readonly threads?: number;
}

const CBLAS_DGEMM =
  'void cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha, const double *a, int lda, ' +
  'const double *b, int ldb, double beta, double *c, int ldc)';
const CBLAS_SGEMM =
  'void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, const float *a, int lda, ' +
  'const float *b, int ldb, float beta, float *c, int ldc)';
const DSYRK =
  'void dsyrk_(const char *uplo, const char *trans, const int *n, const int *k, const double *alpha, ' +
  'const double *a, const int *lda, const double *beta, double *c, const int *ldc, size_t uplo_len, size_t trans_len)';
const DSYEVD =
  'void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w, ' +
  'double *work, const int *lwork, int *iwork, const int *liwork, int *info, size_t jobz_len, size_t uplo_len)';
const DGESDD =
  'void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s, double *u, ' +
  'const int *ldu, double *vt, const int *ldvt, double *work, const int *lwork, int *iwork, int *info, size_t jobz_len)';

/** Libraries tried in order when none is named: OpenBLAS first (fast), then the system's LAPACK. */
export function defaultCandidates(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return ['/System/Library/Frameworks/Accelerate.framework/Accelerate', 'libopenblas.dylib'];
  if (platform === 'win32') return ['libopenblas.dll', 'openblas.dll'];
  return ['libopenblas.so.0', 'liblapack.so.3', 'libopenblas.so', 'liblapack.so'];
}

/** BLAS libraries to take dsyrk/cblas_dgemm/cblas_sgemm from when the LAPACK library does not export them. */
function blasCandidates(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return [];
  if (platform === 'win32') return [];
  return ['libblas.so.3', 'libblas.so'];
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!;
}

type KoffiLib = ReturnType<typeof koffi.load>;

function tryLoad(path: string): KoffiLib {
  return koffi.load(path);
}

function bindOrUndefined(lib: KoffiLib, declaration: string): ((...args: unknown[]) => void) | undefined {
  try {
    return lib.func(declaration) as (...args: unknown[]) => void;
  } catch {
    return undefined;
  }
}

/**
 * Loads a LAPACK library: `options.library`, else `RANKBIAS_LAPACK`, else
 * the platform's usual names (`defaultCandidates`). Throws a
 * `LapackUnavailableError` listing each attempt and how to install one.
 */
export function openLapackLibrary(options: OpenLapackOptions = {}): LapackLibrary {
  const named = options.library ?? process.env.RANKBIAS_LAPACK;
  const candidates = named ? [named] : defaultCandidates();
  const tried: string[] = [];
  for (const path of candidates) {
    let lib: KoffiLib;
    try {
      lib = tryLoad(path);
    } catch (e) {
      tried.push(
        `${path}: ${/cannot open shared object|image not found|no such file|not found/i.test(firstLine(e)) ? 'not found' : firstLine(e)}`,
      );
      continue;
    }
    const dsyevd = bindOrUndefined(lib, DSYEVD);
    const dgesdd = bindOrUndefined(lib, DGESDD);
    if (!dsyevd || !dgesdd) {
      tried.push(`${path}: loaded, but it exports no dsyevd_/dgesdd_ (not a LAPACK library)`);
      continue;
    }
    let cblasDgemm = bindOrUndefined(lib, CBLAS_DGEMM);
    let cblasSgemm = bindOrUndefined(lib, CBLAS_SGEMM);
    let dsyrk = bindOrUndefined(lib, DSYRK);
    for (const blasPath of cblasDgemm && cblasSgemm && dsyrk ? [] : blasCandidates()) {
      try {
        const blas = tryLoad(blasPath);
        cblasDgemm = bindOrUndefined(blas, CBLAS_DGEMM);
        cblasSgemm = bindOrUndefined(blas, CBLAS_SGEMM);
        dsyrk = bindOrUndefined(blas, DSYRK);
        if (cblasDgemm && cblasSgemm && dsyrk) break;
      } catch {
        // try the next name
      }
    }
    if (!cblasDgemm || !cblasSgemm || !dsyrk) {
      tried.push(
        `${path}: LAPACK found, but no BLAS exporting dsyrk_, cblas_dgemm and cblas_sgemm (tried ${blasCandidates().join(', ')})`,
      );
      continue;
    }
    const { config, threads } = configureOpenBlas(lib, options.threads);
    return { path, config, threads, fn: { cblasDgemm, cblasSgemm, dsyrk, dsyevd, dgesdd } };
  }
  throw new LapackUnavailableError(tried);
}

function requestedThreads(explicit: number | undefined): number {
  if (explicit !== undefined) return explicit;
  const fromEnv = Number(process.env.RANKBIAS_LAPACK_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 1;
}

/** Sets OpenBLAS's thread count (default 1) and reads its build configuration; other libraries are left as they are. */
function configureOpenBlas(lib: KoffiLib, explicit: number | undefined): { config?: string; threads?: number } {
  const setThreads = bindOrUndefined(lib, 'void openblas_set_num_threads(int n)');
  const getConfig = lib && bindOrUndefined(lib, 'const char *openblas_get_config(void)');
  const config = getConfig ? String((getConfig as () => string)()).trim() : undefined;
  if (!setThreads) return { config };
  const threads = requestedThreads(explicit);
  setThreads(threads);
  return { config, threads };
}
