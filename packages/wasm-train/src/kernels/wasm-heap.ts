import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';

/** The parts of the wasm backend that kernels written in JS use to read and write its heap. */
export interface WasmHeapBackend extends KernelBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * A zero-filled (unless `zero` is false) output tensor on the wasm heap plus
 * views of it and of the inputs. Views are taken after allocating: allocation
 * can grow (and move) the heap.
 */
export function heapViews<T extends readonly TensorInfo[]>(
  backend: KernelBackend,
  outShape: number[],
  dtype: string,
  inputs: T,
  zero = true,
): {
  out: TensorInfo;
  target: Float32Array | Int32Array | Uint8Array;
  sources: Array<Float32Array | Int32Array | Uint8Array>;
} {
  const heap = backend as WasmHeapBackend;
  const out = heap.makeOutput(outShape, dtype);
  const target = heap.typedArrayFromHeap(out);
  if (zero) target.fill(0);
  return { out, target, sources: inputs.map((t) => heap.typedArrayFromHeap(t)) };
}
