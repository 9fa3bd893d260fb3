import * as tf from '@tensorflow/tfjs-core';
import type {
  GradConfig,
  KernelBackend,
  KernelConfig,
  KernelFunc,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';
import type { Float32Gemm } from '@rankbias/wasm-train';
import { filledTensors, type HeapBackend, hostValues } from '../backend/host-tensors.js';
import { backendKernel, freeInfos, tensorOfInfo } from '../backend/backend-kernel.js';
import { backendMatMulGemm } from '../backend/matmul-gemm.js';
import { registerKernelsOnce } from '../backend/register-once.js';

/**
 * A hidden layer `φ(x·W + b)` as one wasm kernel: the product on the
 * backend's BLAS sgemm, the bias add and φ by the backend's own kernels,
 * called directly. See `denseActivation`.
 */
export const DENSE_ACTIVATION = 'RankbiasDenseActivation';

export type DenseActivationKind = 'relu' | 'leaky-relu';

interface DenseActivationAttrs {
  readonly activation: DenseActivationKind;
  /** Negative slope of the leaky ReLU, in [0, 1] (unused for relu). */
  readonly alpha: number;
}

/** The gemm of the wasm backend's products (present: `denseActivationApplies` checked it). */
function gemm(): Float32Gemm {
  const g = backendMatMulGemm();
  if (!g) throw new Error(`${DENSE_ACTIVATION}: no BLAS gemm is set for the wasm backend's products`);
  return g;
}

const denseActivationKernel: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const backend = anyBackend as KernelBackend & HeapBackend;
  const { x, kernel, bias } = inputs as { x: TensorInfo; kernel: TensorInfo; bias?: TensorInfo };
  const { activation, alpha } = attrs as unknown as DenseActivationAttrs;
  const [n, d] = x.shape as [number, number];
  const width = kernel.shape[1]!;
  const product = backend.makeOutput([n, width], 'float32');
  // Views after allocating: allocation can grow (and move) the heap. The call BatchMatMul makes for x·W.
  const view = (t: TensorInfo) => backend.typedArrayFromHeap(t) as Float32Array;
  gemm()(false, false, n, width, d, view(x), view(kernel), view(product));
  let pre = product;
  if (bias) {
    pre = backendKernel(tf.Add, { a: product, b: bias }, {}, backend);
    backend.disposeData(product.dataId);
  }
  const out =
    activation === 'relu'
      ? backendKernel(tf.Relu, { x: pre }, {}, backend)
      : backendKernel(tf.LeakyRelu, { x: pre }, { alpha }, backend);
  backend.disposeData(pre.dataId);
  return out;
};

/**
 * ∂/∂pre from ∂/∂out as tfjs's gradients compute it, by the same kernels:
 * ReLU's `dy · step(pre)`, the leaky ReLU's `where(pre > 0, dy, dy·α)`. They
 * read the saved output instead of `pre`: with α ≥ 0, `out > 0` exactly where
 * `pre > 0`, and `out` is NaN exactly where `pre` is.
 */
function preGradient(dy: tf.Tensor, out: tf.Tensor, attrs: DenseActivationAttrs): tf.Tensor {
  let result: TensorInfo;
  if (attrs.activation === 'relu') {
    const mask = backendKernel(tf.Step, { x: out }, { alpha: 0 });
    result = backendKernel(tf.Multiply, { a: dy, b: mask });
    freeInfos(mask);
  } else {
    const [zero, alpha] = [tf.scalar(0), tf.scalar(attrs.alpha)];
    const mask = backendKernel(tf.Greater, { a: out, b: zero });
    const scaled = backendKernel(tf.Multiply, { a: dy, b: alpha });
    result = backendKernel(tf.Select, { condition: mask, t: dy, e: scaled });
    freeInfos(mask, scaled);
    tf.dispose([zero, alpha]);
  }
  return tensorOfInfo(result);
}

const denseActivationGradient: GradConfig = {
  kernelName: DENSE_ACTIVATION,
  inputsToSave: ['x', 'kernel'],
  outputsToSave: [true],
  gradFunc: (dyIn, saved, attrs) => {
    const dy = dyIn as tf.Tensor;
    const [x, kernel, out] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
    const [n, d] = x.shape as [number, number];
    const width = kernel.shape[1]!;
    // Needed by every input's gradient; a tensor of the gradient pass's scope, which disposes it.
    const dPre = preGradient(dy, out, attrs as unknown as DenseActivationAttrs);
    const product = (shape: readonly number[], f: (out: Float32Array) => void) =>
      filledTensors([shape], ([values]) => f(values!))[0]!;
    // Each computed only when the tape asks for it: the calls tfjs's BatchMatMul gradient and Add's make.
    return {
      x: () => product(x.shape, (o) => gemm()(false, true, n, d, width, hostValues(dPre), hostValues(kernel), o)),
      kernel: () => product(kernel.shape, (o) => gemm()(true, false, d, width, n, hostValues(x), hostValues(dPre), o)),
      bias: () => tensorOfInfo(backendKernel(tf.Sum, { x: dPre }, { axis: [0], keepDims: false })),
    };
  },
};

const KERNEL: KernelConfig = { kernelName: DENSE_ACTIVATION, backendName: 'wasm', kernelFunc: denseActivationKernel };

/** How deep gradient tapes are nested now (tfjs-core 4.x engine state). */
function gradientDepth(): number {
  return (tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth;
}

/**
 * Whether `denseActivation` runs here: on wasm with its products on a BLAS
 * sgemm (`backendMatMulGemm`), float32 inputs, and no nested gradient (the
 * kernel's gradient is not itself differentiable).
 */
export function denseActivationApplies(...tensors: tf.Tensor[]): boolean {
  return backendMatMulGemm() !== undefined && gradientDepth() <= 1 && tensors.every((t) => t.dtype === 'float32');
}

/**
 * `φ(x·W + b)` for a batch `x` [n, d], weights `kernel` [d, m] and optional
 * `bias` [m], φ a ReLU or a leaky ReLU with slope `alpha` in [0, 1]: one
 * kernel for the product, the bias add and φ, and in the backward pass one
 * gradient for all three instead of a kernel each (Step and Multiply, or
 * Greater, Multiply and Select, then the product's and the bias's
 * gradients). The same numbers as the composed ops bit for bit: the product
 * is the sgemm call of tfjs's BatchMatMul kernel on wasm with BLAS, the rest
 * are the backend's own kernels. Gradients are computed only for the inputs
 * the tape asks for (none for a constant `x`). Only where
 * `denseActivationApplies`; compose tfjs ops elsewhere.
 */
export function denseActivation(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | undefined,
  activation: DenseActivationKind,
  alpha: number,
): tf.Tensor2D {
  if (activation === 'leaky-relu' && !(alpha >= 0 && alpha <= 1)) {
    throw new RangeError(`denseActivation: the leaky ReLU's alpha must be in [0, 1], got ${alpha}`);
  }
  const [rows, width] = kernel.shape;
  if (
    x.rank !== 2 ||
    kernel.rank !== 2 ||
    x.shape[1] !== rows ||
    (bias && (bias.rank !== 1 || bias.shape[0] !== width))
  ) {
    const got = `x [${x.shape}], kernel [${kernel.shape}]${bias ? `, bias [${bias.shape}]` : ''}`;
    throw new RangeError(`denseActivation: expected x [n, d], kernel [d, m] and bias [m]; got ${got}`);
  }
  registerKernelsOnce([KERNEL], denseActivationGradient);
  const inputs: tf.NamedTensorMap = bias ? { x, kernel, bias } : { x, kernel };
  const attrs: DenseActivationAttrs = { activation, alpha };
  return tf.engine().runKernel(DENSE_ACTIVATION, inputs, attrs as unknown as NamedAttrMap) as tf.Tensor2D;
}
