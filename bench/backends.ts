/** The tfjs backend setups the benchmark compares. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadLapack } from '../packages/linalg-lapack/src/index.js';
import {
  initWasmBackend,
  registerWasmTrainingKernels,
  setWasmMatMulGemm,
  unregisterWasmTrainingKernels,
  type Float32Gemm,
} from '../packages/wasm-train/src/index.js';

export interface BackendSetup {
  readonly id: string;
  readonly label: string;
  /** Makes this setup the active one; false when unavailable here. */
  activate(): Promise<boolean>;
}

let blas: Float32Gemm | null | undefined;
/** The system BLAS's sgemm through @rankbias/linalg-lapack, or null where no library loads. */
function blasGemm(): Float32Gemm | null {
  if (blas === undefined) {
    try {
      blas = loadLapack().gemmFloat32;
    } catch {
      blas = null;
    }
  }
  return blas;
}

/**
 * The wasm backend with rankbias's training kernels (or without), its matrix
 * products on XNNPACK or on the system BLAS (what a run gets with `linalg:
 * auto` where @rankbias/linalg-lapack finds a library).
 */
async function wasm(withKernels: boolean, matmul: 'xnnpack' | 'blas' = 'xnnpack'): Promise<boolean> {
  if (matmul === 'blas' && !blasGemm()) return false;
  try {
    await initWasmBackend({ trainingKernels: false });
  } catch {
    return false;
  }
  if (withKernels) registerWasmTrainingKernels();
  else unregisterWasmTrainingKernels();
  setWasmMatMulGemm(matmul === 'blas' ? blasGemm()! : undefined);
  return true;
}

export const BACKEND_SETUPS: readonly BackendSetup[] = [
  { id: 'wasm-blas', label: 'wasm + rankbias + BLAS', activate: () => wasm(true, 'blas') },
  { id: 'wasm', label: 'wasm + rankbias', activate: () => wasm(true) },
  { id: 'wasm-stock', label: 'wasm (stock)', activate: () => wasm(false) },
  { id: 'cpu', label: 'cpu (JS)', activate: () => tf.setBackend('cpu') },
];
