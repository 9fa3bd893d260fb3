import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import type { ProductShape } from './product-shape.js';
import type { WasmHeapBackend } from './wasm-heap.js';

/**
 * A float32 matrix product from a native BLAS: C = op(A) · op(B) on row-major
 * arrays, op(A) m × k, op(B) k × n, C m × n overwritten; a flagged operand is
 * stored transposed (A as k × m, B as n × k). The arrays are views of the wasm
 * heap. `@rankbias/linalg-lapack`'s engine has one (`gemmFloat32`, sgemm).
 */
export type Float32Gemm = (
  transposeA: boolean,
  transposeB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
) => void;

/** Held on globalThis so that every copy of this package (core's and the user's) sees the same one. */
const SLOT = Symbol.for('rankbias.wasm-train.gemm');
type Slot = { [SLOT]?: Float32Gemm };

/**
 * Makes `BatchMatMul` and `_FusedMatMul` on the wasm backend run their float32
 * products through `gemm` (e.g. OpenBLAS's sgemm, several times XNNPACK's
 * speed on one core) instead of XNNPACK; `undefined` goes back to XNNPACK.
 * Takes effect once `registerWasmTrainingKernels` has run.
 */
export function setWasmMatMulGemm(gemm: Float32Gemm | undefined): void {
  (globalThis as Slot)[SLOT] = gemm;
}

/** The gemm the wasm matmul kernels use now, if any. */
export function wasmMatMulGemm(): Float32Gemm | undefined {
  return (globalThis as Slot)[SLOT];
}

/** Whether `gemmProduct` handles these operands: float32, and batches equal or one of them a single matrix. */
export function gemmHandles(a: TensorInfo, b: TensorInfo, shape: ProductShape): boolean {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return false;
  return shape.batchA === shape.batchB || shape.batchA === 1 || shape.batchB === 1;
}

/**
 * `op(a) · op(b)` computed by `gemm` straight from the heap into a new heap
 * tensor: one call per batch entry, or one call in all when `b` is a single
 * matrix and `a` is stored upright (the batch folds into the rows).
 */
export function gemmProduct(
  backend: KernelBackend,
  gemm: Float32Gemm,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  shape: ProductShape,
): TensorInfo {
  const { m, k, n, batchA, batchB, outShape } = shape;
  const heap = backend as WasmHeapBackend;
  const out = heap.makeOutput(outShape, 'float32');
  // Views after allocating: allocation can grow (and move) the heap.
  const c = heap.typedArrayFromHeap(out) as Float32Array;
  const av = heap.typedArrayFromHeap(a) as Float32Array;
  const bv = heap.typedArrayFromHeap(b) as Float32Array;
  const batch = Math.max(batchA, batchB);
  if (batch === 0 || m * n === 0) return out;
  if (batchB === 1 && !transposeA) {
    gemm(false, transposeB, batchA * m, n, k, av, bv, c);
    return out;
  }
  for (let i = 0; i < batch; i++) {
    const ia = batchA === 1 ? 0 : i;
    const ib = batchB === 1 ? 0 : i;
    gemm(
      transposeA,
      transposeB,
      m,
      n,
      k,
      av.subarray(ia * m * k, (ia + 1) * m * k),
      bv.subarray(ib * k * n, (ib + 1) * k * n),
      c.subarray(i * m * n, (i + 1) * m * n),
    );
  }
  return out;
}
