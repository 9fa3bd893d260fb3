import {
  _FusedMatMul,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withScope } from '../kernel-scope.js';
import { fusedEpilogue } from './fused-epilogue.js';
import { gemmHandles, gemmProduct, wasmMatMulGemm } from './gemm.js';
import { productShape } from './product-shape.js';
import type { WasmHeapBackend } from './wasm-heap.js';
import { originalKernel } from './originals.js';

interface FusedInputs {
  a: TensorInfo;
  b: TensorInfo;
  bias?: TensorInfo;
  preluActivationWeights?: TensorInfo;
}

function fusedMatMul(args: { inputs: FusedInputs; backend: KernelBackend; attrs: NamedAttrMap }) {
  const { inputs, backend, attrs } = args;
  const original = originalKernel(_FusedMatMul).kernelFunc;
  const gemm = wasmMatMulGemm();
  if (gemm) {
    const transposeA = Boolean(attrs.transposeA);
    const transposeB = Boolean(attrs.transposeB);
    const shape = productShape(inputs.a, inputs.b, transposeA, transposeB);
    const epilogue = fusedEpilogue(
      attrs.activation as string | undefined,
      attrs.leakyreluAlpha as number | undefined,
      inputs.bias,
      inputs.preluActivationWeights,
      shape.outShape,
    );
    if (epilogue && gemmHandles(inputs.a, inputs.b, shape)) {
      const out = gemmProduct(backend, gemm, inputs.a, inputs.b, transposeA, transposeB, shape);
      const heap = backend as WasmHeapBackend;
      const bias = inputs.bias ? (heap.typedArrayFromHeap(inputs.bias) as Float32Array) : undefined;
      epilogue.apply(heap.typedArrayFromHeap(out) as Float32Array, bias, shape.n);
      return out;
    }
  }
  if (!attrs.transposeA && !attrs.transposeB) return original(args as never);
  return withScope(backend, (scope) => {
    // The fused kernel takes rank-3 operands; swap their last two axes physically.
    const a = attrs.transposeA ? scope.transpose(inputs.a, [0, 2, 1]) : inputs.a;
    const b = attrs.transposeB ? scope.transpose(inputs.b, [0, 2, 1]) : inputs.b;
    const out = original({
      inputs: { ...inputs, a, b } as never,
      backend,
      attrs: { ...attrs, transposeA: false, transposeB: false },
    }) as TensorInfo;
    return scope.track(out);
  });
}

/**
 * _FusedMatMul for wasm: the product through the native gemm when one is set
 * (bias and activation applied after it), else XNNPACK with transposed
 * operands laid out plainly first, so its fast path runs.
 */
export const fusedMatMulConfig: KernelConfig = {
  kernelName: _FusedMatMul,
  backendName: 'wasm',
  kernelFunc: fusedMatMul as unknown as KernelFunc,
};
