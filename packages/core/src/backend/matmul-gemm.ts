import * as tf from '@tensorflow/tfjs-core';
import type { Float32Gemm } from '@rankbias/wasm-train';

/**
 * Where @rankbias/wasm-train keeps the gemm its matmul kernels call
 * (`setWasmMatMulGemm`): a registered symbol on globalThis, so this module can
 * read it without loading the wasm backend, and every copy of either package
 * sees the same one.
 */
const WASM_GEMM_SLOT = Symbol.for('rankbias.wasm-train.gemm');

/**
 * The BLAS sgemm the active backend's float32 matrix products run on, if they
 * run on one: the wasm backend once `linalg: auto|lapack` found a library
 * (`selectLinalg`). A fused op that calls it computes the same products, bit
 * for bit, as the BatchMatMul kernels it replaces. `undefined` elsewhere
 * (cpu, tfjs-node, wasm on XNNPACK).
 */
export function backendMatMulGemm(): Float32Gemm | undefined {
  if (tf.getBackend() !== 'wasm') return undefined;
  return (globalThis as { [WASM_GEMM_SLOT]?: Float32Gemm })[WASM_GEMM_SLOT];
}
