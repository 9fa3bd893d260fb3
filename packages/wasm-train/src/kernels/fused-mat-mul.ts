import {
  _FusedMatMul,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withScope } from '../kernel-scope.js';
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

/** _FusedMatMul for wasm with transposed operands laid out plainly first, so the fast path runs. */
export const fusedMatMulConfig: KernelConfig = {
  kernelName: _FusedMatMul,
  backendName: 'wasm',
  kernelFunc: fusedMatMul as unknown as KernelFunc,
};
