import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { backendKernel, freeInfos, tensorOfInfo } from '../backend/backend-kernel.js';
import { registerKernelsOnce } from '../backend/register-once.js';

/**
 * mean((output − target)²) as one kernel on cpu and wasm, overall or per run
 * (`runs` > 0: one mean per slice of the leading axis). See `meanSquaredError`.
 */
export const MEAN_SQUARED_ERROR = 'RankbiasMeanSquaredError';

interface MseAttrs {
  /** 0: one mean over all entries; K: `[K]`, the mean of each slice of the leading axis. */
  readonly runs: number;
}

/** The backends whose kernels it calls directly (their tensors are JS-visible). */
const BACKENDS = ['cpu', 'wasm'] as const;

/**
 * Forward: the kernels of `tf.mean(tf.squaredDifference(o, y))` (per run:
 * the squared differences reshaped to `[K, n]`, mean over axis 1), called directly.
 */
const mseForward: KernelFunc = ({ inputs, attrs }) => {
  const { output, target } = inputs as Record<'output' | 'target', TensorInfo>;
  const { runs } = attrs as unknown as MseAttrs;
  const squared = backendKernel(tf.SquaredDifference, { a: output, b: target });
  if (runs === 0) {
    const mean = backendKernel(tf.Mean, { x: squared }, { axis: null, keepDims: false });
    freeInfos(squared);
    return mean;
  }
  const rows = backendKernel(tf.Reshape, { x: squared }, { shape: [runs, -1] });
  const mean = backendKernel(tf.Mean, { x: rows }, { axis: 1, keepDims: false });
  freeInfos(squared, rows);
  return mean;
};

/**
 * The gradient of the composed ops, computed as `meanSquaredError`'s
 * customGrad did: 2·(o − y) times dy/n (per run, dy_k/n), by the same kernels
 * in the same order. For the target (data, normally not differentiated)
 * 2·(y − o) times dy/n.
 */
const mseGradient: GradConfig = {
  kernelName: MEAN_SQUARED_ERROR,
  inputsToSave: ['output', 'target'],
  gradFunc: (dyIn, saved, attrs) => {
    const dy = dyIn as tf.Tensor;
    const [output, target] = saved as [tf.Tensor, tf.Tensor];
    const { runs } = attrs as unknown as MseAttrs;
    const n = runs === 0 ? output.size : output.size / runs;
    // 2·(a − b) times dy/n; per run dy is reshaped to [K, 1, …] to scale each run's slice.
    const twice = (a: tf.Tensor, b: tf.Tensor) => {
      const [two, divisor] = [tf.scalar(2), tf.scalar(n)];
      const diff = backendKernel(tf.Sub, { a, b });
      const doubled = backendKernel(tf.Multiply, { a: diff, b: two });
      const up =
        runs === 0
          ? dy
          : backendKernel(tf.Reshape, { x: dy }, { shape: output.shape.map((d, i) => (i === 0 ? d : 1)) });
      const scaled = backendKernel(tf.RealDiv, { a: up, b: divisor });
      const grad = backendKernel(tf.Multiply, { a: doubled, b: scaled });
      freeInfos(diff, doubled, scaled, ...(up === dy ? [] : [up]));
      tf.dispose([two, divisor]);
      return tensorOfInfo(grad);
    };
    return { output: () => twice(output, target), target: () => twice(target, output) };
  },
};

const KERNELS: KernelConfig[] = BACKENDS.map((backendName) => ({
  kernelName: MEAN_SQUARED_ERROR,
  backendName,
  kernelFunc: mseForward,
}));

/** Whether the one-kernel loss runs on the active backend (cpu, wasm) for these float32 tensors of one shape. */
export function mseKernelApplies(output: tf.Tensor, target: tf.Tensor): boolean {
  return (
    (BACKENDS as readonly string[]).includes(tf.getBackend()) &&
    output.dtype === 'float32' &&
    target.dtype === 'float32' &&
    tf.util.arraysEqual(output.shape, target.shape)
  );
}

/**
 * mean((output − target)²) in one kernel: a scalar, or with `runs` = K the
 * `[K]` means of the slices of the leading axis. Where `mseKernelApplies`.
 */
export function meanSquaredErrorKernel(output: tf.Tensor, target: tf.Tensor, runs = 0): tf.Tensor {
  registerKernelsOnce(KERNELS, mseGradient);
  const attrs: MseAttrs = { runs };
  return tf.engine().runKernel(MEAN_SQUARED_ERROR, { output, target }, attrs as unknown as NamedAttrMap) as tf.Tensor;
}
