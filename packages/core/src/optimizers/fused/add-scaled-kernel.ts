import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { registerKernelsOnce } from '../../backend/register-once.js';
import { CPU_ACCESS, fusedKernelPays, type MemoryAccess, WASM_ACCESS } from './kernel-memory.js';

/**
 * `x + s·u` in one kernel on `cpu` and `wasm`: a parameter plus its update
 * scaled by a constant (the learning rate's `−lr`), where the composed ops take
 * a Multiply and an Add. Rounded as they round, `f32(x + f32(u · f32(s)))`
 * (products and sums of float32 values in double precision, rounded once, are
 * the float32 results), so both routes give the same numbers bit for bit.
 */
export const ADD_SCALED = 'RankbiasAddScaled';

const f32 = Math.fround;

function addScaledWith(access: MemoryAccess): KernelFunc {
  return ({ inputs, backend: anyBackend, attrs }) => {
    const backend = anyBackend as KernelBackend;
    const { x, u } = inputs as Record<'x' | 'u', TensorInfo>;
    const out = access.output(backend, x);
    const xv = access.values(backend, x);
    const uv = access.values(backend, u);
    const s = f32((attrs as unknown as { scale: number }).scale);
    const o = out.values;
    const loops = access.simd?.(backend);
    let start = 0;
    if (loops) {
      start = o.length & ~3;
      loops.addScaled(xv.byteOffset, uv.byteOffset, o.byteOffset, start, s);
    }
    for (let i = start; i < o.length; i++) o[i] = f32(xv[i]! + f32(uv[i]! * s));
    return out.info;
  };
}

const CONFIGS: KernelConfig[] = [
  { kernelName: ADD_SCALED, backendName: 'cpu', kernelFunc: addScaledWith(CPU_ACCESS) },
  { kernelName: ADD_SCALED, backendName: 'wasm', kernelFunc: addScaledWith(WASM_ACCESS) },
];

/** Registers the kernel for cpu and wasm (once per tfjs instance). */
export function registerAddScaledKernel(): void {
  registerKernelsOnce(CONFIGS);
}

/**
 * `x + scale·u` (not differentiable: for parameter updates): the fused kernel
 * where the active backend has it, both are float32 of one shape and it is
 * the faster route (`fusedKernelPays`), else `tf.add(x, tf.mul(u, scale))`.
 * Both give the same values.
 */
export function addScaled(x: tf.Tensor, u: tf.Tensor, scale: number): tf.Tensor {
  const backend = tf.getBackend();
  const fused =
    x.dtype === 'float32' &&
    u.dtype === 'float32' &&
    tf.util.arraysEqual(x.shape, u.shape) &&
    fusedKernelPays(backend, x.size) &&
    tf.getKernel(ADD_SCALED, backend) !== undefined;
  if (!fused) return tf.add(x, tf.mul(u, scale));
  return tf.engine().runKernel(ADD_SCALED, { x, u }, { scale } as unknown as NamedAttrMap) as tf.Tensor;
}
