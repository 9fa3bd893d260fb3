import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withScope, type KernelScope } from '../kernel-scope.js';
import { gemmHandles, gemmProduct, wasmMatMulGemm } from './gemm.js';
import { productShape } from './product-shape.js';
import { originalKernel } from './originals.js';
import type { WasmHeapBackend } from './wasm-heap.js';

/** Below this many multiply-adds per batch entry, transposing first does not pay off. */
const SMALL_PRODUCT = 16 * 16 * 16;

/** The wasm backend's BatchMatMul without transposes: its fast (XNNPACK) path for a single matrix pair. */
export function plainMatMul(scope: KernelScope, a: TensorInfo, b: TensorInfo): TensorInfo {
  const kernel = originalKernel(BatchMatMul).kernelFunc;
  return scope.track(
    kernel({ inputs: { a, b }, backend: scope.backend, attrs: { transposeA: false, transposeB: false } }) as TensorInfo,
  );
}

/** A 2-D or 3-D view of `x` with its last two axes swapped (materialised by the Transpose kernel). */
function swapLastAxes(scope: KernelScope, x: TensorInfo): TensorInfo {
  const perm = x.shape.length === 2 ? [1, 0] : [0, 2, 1];
  return scope.transpose(x, perm);
}

/**
 * Whether computing `C^T = B'^T A'^T` and transposing the product moves fewer
 * floats than transposing the stored operands. Counts the transposes plus the
 * fast path's packing of its right operand (one pass over it).
 */
export function productFirstIsCheaper(
  m: number,
  k: number,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): boolean {
  const direct = (transposeA ? m * k : 0) + (transposeB ? k * n : 0) + k * n;
  const viaProduct = (transposeA ? 0 : m * k) + (transposeB ? 0 : k * n) + m * n + k * m;
  return viaProduct < direct;
}

/** `a` as a rank-3 `[batch, rows, cols]` tensor in un-transposed layout (`[batch, m, k]` or `[batch, k, n]`). */
function upright(scope: KernelScope, x: TensorInfo, batch: number, transposed: boolean): TensorInfo {
  const r = x.shape.length;
  const x3 = scope.reshape(x, [batch, x.shape[r - 2]!, x.shape[r - 1]!]);
  return transposed ? swapLastAxes(scope, x3) : x3;
}

/**
 * Matrix product on wasm that always runs the backend's fast path: a
 * transposed operand is physically transposed first (its Transpose kernel is
 * cheap next to the slow transposed product), and a batch is split into single
 * products (or folded into the rows when `b` is shared).
 */
export function fastMatMul(
  scope: KernelScope,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): TensorInfo {
  const { m, k, n, batchA, batchB, outShape } = productShape(a, b, transposeA, transposeB);
  if (batchA === 1 && batchB === 1) {
    const a2 = scope.reshape(a, a.shape.slice(-2));
    const b2 = scope.reshape(b, b.shape.slice(-2));
    if (productFirstIsCheaper(m, k, n, transposeA, transposeB)) {
      // C = (B' A')^T with B' = B^T unless B is stored transposed, likewise A'.
      const bb = transposeB ? b2 : swapLastAxes(scope, b2);
      const aa = transposeA ? a2 : swapLastAxes(scope, a2);
      return scope.reshape(swapLastAxes(scope, plainMatMul(scope, bb, aa)), outShape);
    }
    const aa = transposeA ? swapLastAxes(scope, a2) : a2;
    const bb = transposeB ? swapLastAxes(scope, b2) : b2;
    return scope.reshape(plainMatMul(scope, aa, bb), outShape);
  }
  const a3 = upright(scope, a, batchA, transposeA);
  const b3 = upright(scope, b, batchB, transposeB);
  if (batchB === 1) {
    const rows = scope.reshape(a3, [batchA * m, k]);
    return scope.reshape(plainMatMul(scope, rows, scope.reshape(b3, [k, n])), outShape);
  }
  const batch = Math.max(batchA, batchB);
  const heap = scope.backend as WasmHeapBackend;
  const out = heap.makeOutput([batch, m, n], 'float32');
  for (let i = 0; i < batch; i++) {
    const ai = matrixOf(scope, a3, i % batchA, m, k);
    const bi = matrixOf(scope, b3, i % batchB, k, n);
    const product = plainMatMul(scope, ai, bi);
    // Views after the product: allocating may grow (and move) the heap.
    heap.typedArrayFromHeap(out).set(heap.typedArrayFromHeap(product), i * m * n);
  }
  return scope.reshape(scope.track(out), outShape);
}

/**
 * Matrix `index` of a `[batch, rows, cols]` tensor as a new `[rows, cols]`
 * tensor, copied within the heap (the backend's Slice first copies the whole
 * tensor out of the heap, which made batched products slower than a loop).
 */
function matrixOf(scope: KernelScope, x: TensorInfo, index: number, rows: number, cols: number): TensorInfo {
  if (x.shape[0] === 1) return scope.reshape(x, [rows, cols]);
  const heap = scope.backend as WasmHeapBackend;
  const out = scope.track(heap.makeOutput([rows, cols], 'float32'));
  const size = rows * cols;
  heap.typedArrayFromHeap(out).set(heap.typedArrayFromHeap(x).subarray(index * size, (index + 1) * size));
  return out;
}

/** True when the wasm backend's own kernel already takes its fast path (or the product is too small to matter). */
export function needsNoRewrite(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): boolean {
  const { m, k, n, batchA, batchB } = productShape(a, b, transposeA, transposeB);
  const single = batchA === 1 && batchB === 1;
  if (single && !transposeA && !transposeB) return true;
  return m * k * n < SMALL_PRODUCT;
}

function batchMatMul(args: {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: KernelBackend;
  attrs: BatchMatMulAttrs;
}) {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const transposeA = Boolean(attrs.transposeA);
  const transposeB = Boolean(attrs.transposeB);
  const gemm = wasmMatMulGemm();
  if (gemm) {
    const shape = productShape(a, b, transposeA, transposeB);
    if (gemmHandles(a, b, shape)) return gemmProduct(backend, gemm, a, b, transposeA, transposeB, shape);
  }
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || needsNoRewrite(a, b, transposeA, transposeB)) {
    return originalKernel(BatchMatMul).kernelFunc(args as never);
  }
  return withScope(backend, (scope) => fastMatMul(scope, a, b, transposeA, transposeB));
}

/**
 * BatchMatMul for wasm: through the native gemm when one is set
 * (`setWasmMatMulGemm`), else XNNPACK without the backend's slow transposed
 * and batched paths.
 */
export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMul as unknown as KernelFunc,
};
