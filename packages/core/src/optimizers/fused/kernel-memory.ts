import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { type SimdLoops, simdLoopsOver, wasmBackendMemory } from './wasm-simd-loops.js';

/**
 * How rankbias's fused optimizer kernels read a backend's tensors and make
 * their outputs, on the two backends whose tensors live in JS-visible memory
 * (`cpu`: typed arrays; `wasm`: views of the heap).
 */
export interface MemoryAccess {
  output(backend: KernelBackend, like: TensorInfo): { info: TensorInfo; values: Float32Array };
  values(backend: KernelBackend, t: TensorInfo): Float32Array | Int32Array;
  /** SIMD loops over the backend's memory (wasm, where the engine has WebAssembly SIMD); byte offsets are the views'. */
  simd?(backend: KernelBackend): SimdLoops | undefined;
}

interface CpuBackend extends KernelBackend {
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array): TensorInfo;
}
interface WasmBackend extends KernelBackend {
  makeOutput(shape: number[], dtype: string): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array | Int32Array;
}

/** The cpu backend: values are its typed arrays; outputs are new ones. */
export const CPU_ACCESS: MemoryAccess = {
  output: (backend, like) => {
    const values = new Float32Array(tf.util.sizeFromShape(like.shape));
    return { info: (backend as CpuBackend).makeTensorInfo(like.shape.slice(), 'float32', values), values };
  },
  values: (backend, t) => backend.readSync(t.dataId) as Float32Array | Int32Array,
};

/** The wasm backend: outputs first (allocating can move the heap), then views of inputs. */
export const WASM_ACCESS: MemoryAccess = {
  output: (backend, like) => {
    const info = (backend as WasmBackend).makeOutput(like.shape.slice(), 'float32');
    return { info, values: (backend as WasmBackend).typedArrayFromHeap(info) as Float32Array };
  },
  values: (backend, t) => (backend as WasmBackend).typedArrayFromHeap(t),
  simd: (backend) => {
    const memory = wasmBackendMemory(backend);
    return memory && simdLoopsOver(memory);
  },
};

/**
 * On wasm without WebAssembly SIMD, up to this many elements a fused kernel
 * (one scalar JS loop) beats the backend's SIMD kernels it replaces, whose
 * cost is mostly per call; above it they win (measured: Adam's update at
 * 2,000 elements 52 µs fused against 88 µs composed, at 10,000 125 against
 * 107 µs, at 80,000 790 against 311 µs; `x + s·u` crosses over near 3,000).
 * With SIMD (`wasm-simd-loops`), the fused kernels run four lanes at a time
 * and pay at every size.
 */
export const WASM_FUSED_MAX_SIZE = 4096;

/**
 * Whether the fused kernel is the faster route for a tensor of `size`
 * elements on `backend`: always on `cpu` (the composed ops are JS loops as
 * well) and on wasm with SIMD loops; on wasm without them up to
 * `WASM_FUSED_MAX_SIZE`.
 */
export function fusedKernelPays(backend: string, size: number): boolean {
  if (backend === 'cpu') return true;
  if (backend !== 'wasm') return false;
  return size <= WASM_FUSED_MAX_SIZE || WASM_ACCESS.simd!(tf.backend()) !== undefined;
}
