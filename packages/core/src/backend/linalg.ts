import type { LinalgChoice } from '../config/schema.js';
import { setFloat64Accelerator, type Float64Accelerator } from '../linalg/accelerator.js';
import type { Float32Gemm } from '@rankbias/wasm-train';
import { BackendUnavailableError } from './errors.js';
import { defaultImporter, describeImportFailure, type ModuleImporter } from './native.js';

/** The optional package that binds the system's LAPACK. */
export const LAPACK_PACKAGE = '@rankbias/linalg-lapack';

/** What to tell a user who wants the penalty's SVD faster. */
export const LAPACK_INSTALL_HINT =
  `faster float64 SVD (spectral penalties): npm install ${LAPACK_PACKAGE} and a LAPACK library ` +
  '(Debian/Ubuntu: apt-get install libopenblas0-pthread)';

/** The float64 linear algebra in use and why. */
export interface LinalgSelection {
  /** `lapack` or `js`. */
  readonly name: 'lapack' | 'js';
  /** The accelerator's own description (library, threads) or why plain JS. */
  readonly reason: string;
  /** Whether @rankbias/linalg-lapack was imported, whether or not it found a library (false for `js`: not tried). */
  readonly installed: boolean;
  /** Whether the CLI should mention it: the accelerator is in use, or it is installed but failed. */
  readonly notable: boolean;
  readonly hint?: string;
}

/** What `@rankbias/linalg-lapack`'s `loadLapack()` returns, as far as core uses it. */
interface LapackEngine extends Float64Accelerator {
  /** float32 sgemm on row-major views (see `Float32Gemm` of @rankbias/wasm-train). */
  readonly gemmFloat32?: Float32Gemm;
}

interface LapackModule {
  loadLapack(): LapackEngine;
}

/**
 * Makes `engine` this process's native linear algebra: the float64 routines
 * of the spectral penalties and, on the wasm backend, the float32 matrix
 * products (BatchMatMul, _FusedMatMul) through its sgemm. `undefined` returns
 * both to JS / XNNPACK.
 */
async function activate(engine: LapackEngine | undefined): Promise<void> {
  setFloat64Accelerator(engine);
  const { setWasmMatMulGemm } = await import('@rankbias/wasm-train');
  setWasmMatMulGemm(engine?.gemmFloat32);
}

/**
 * Activates the system's LAPACK/BLAS for this process, for the spectral
 * penalties' float64 SVD (`setFloat64Accelerator`) and the wasm backend's
 * float32 matrix products (`setWasmMatMulGemm`), or plain JS / XNNPACK.
 * `lapack` throws a `BackendUnavailableError` saying what failed and what to
 * install; `auto` falls back to JS.
 */
export async function selectLinalg(
  choice: LinalgChoice,
  importer: ModuleImporter = defaultImporter,
): Promise<LinalgSelection> {
  if (choice === 'js') {
    await activate(undefined);
    return { name: 'js', reason: 'requested', installed: false, notable: false };
  }
  let failure: string;
  let installed = false;
  try {
    const mod = (await importer(LAPACK_PACKAGE)) as LapackModule;
    installed = true;
    const engine = mod.loadLapack();
    await activate(engine);
    return { name: 'lapack', reason: engine.name, installed: true, notable: true };
  } catch (e) {
    failure = installed ? String((e as Error)?.message ?? e) : `${LAPACK_PACKAGE} ${describeImportFailure(e)}`;
  }
  await activate(undefined);
  if (choice === 'lapack') {
    // An installed package's own message already says what to install; a missing package needs the hint.
    const fix = installed ? '' : ` ${LAPACK_INSTALL_HINT};`;
    throw new BackendUnavailableError(`linalg "lapack" requested but ${failure}.${fix} Or set linalg: auto or js.`);
  }
  return {
    name: 'js',
    reason: `auto: ${failure}`,
    installed,
    notable: installed,
    hint: installed ? undefined : LAPACK_INSTALL_HINT,
  };
}

/** The one line the CLI prints about the float64 linear algebra. */
export function describeLinalg(selection: LinalgSelection): string {
  return `rankbias: float64 linear algebra ${selection.name === 'lapack' ? selection.reason : `in JS (${selection.reason})`}`;
}
