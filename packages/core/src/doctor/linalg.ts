import type { DoctorCheck } from '../contracts/doctor.js';
import { LAPACK_PACKAGE, selectLinalg } from '../backend/linalg.js';
import type { ModuleImporter } from '../backend/native.js';
import { float64Accelerator, setFloat64Accelerator } from '../linalg/accelerator.js';

/**
 * Whether the spectral penalties' float64 SVD and the wasm backend's matrix
 * products can run on the system's LAPACK/BLAS (`linalg: auto` picks it) or
 * run in JS / XNNPACK, and what to install for the former.
 */
export async function linalgCheck(importer: ModuleImporter): Promise<DoctorCheck> {
  const before = float64Accelerator();
  const { setWasmMatMulGemm, wasmMatMulGemm } = await import('@rankbias/wasm-train');
  const gemmBefore = wasmMatMulGemm();
  try {
    const selection = await selectLinalg('auto', importer);
    if (selection.name === 'lapack') {
      return { topic: 'linear algebra', name: LAPACK_PACKAGE, ok: true, detail: selection.reason };
    }
    const { installed } = selection;
    return {
      topic: 'linear algebra',
      name: LAPACK_PACKAGE,
      ok: false,
      detail: installed
        ? `installed, but ${selection.reason.replace(/^auto: /, '')}; spectral penalties use the JS SVD, wasm matmul XNNPACK`
        : 'not installed: spectral penalties use the JS SVD (4-10x slower than LAPACK from 100x100 up) and wasm ' +
          'matrix products XNNPACK (3-4x slower than OpenBLAS from 100x100 up)',
      fix: installed
        ? 'apt-get install libopenblas0-pthread (or set RANKBIAS_LAPACK to a LAPACK shared library)'
        : `npm install ${LAPACK_PACKAGE}, with a LAPACK library (Debian: apt-get install libopenblas0-pthread)`,
    };
  } finally {
    setFloat64Accelerator(before);
    setWasmMatMulGemm(gemmBefore);
  }
}
