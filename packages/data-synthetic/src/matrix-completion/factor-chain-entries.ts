import * as tf from '@tensorflow/tfjs-core';
import { filledTensors, hostValues, ScratchPool, type Float32Gemm } from '@rankbias/core';

const float32 = (length: number): Float32Array => new Float32Array(length);
const scratch = new ScratchPool(float32);
/** Buffers that are all zeros while in this pool: a scatter target is cleared at its few offsets, not filled. */
const zeroed = new ScratchPool(float32);

/** Run b's block of `length` values (the whole array for a single run: no view object). */
function block(values: Float32Array, b: number, length: number, batch: number): Float32Array {
  return batch === 1 ? values : values.subarray(b * length, (b + 1) * length);
}

/**
 * Checked pairs as flat offsets `b·rows·cols + row·cols + col` into the runs'
 * products, per indices tensor: a fixed batch is read and checked once.
 * Tensors are immutable; a variable (assignable) is read every time.
 */
const checkedOffsets = new WeakMap<
  tf.Tensor,
  { runs: number | undefined; rows: number; cols: number; offsets: Int32Array }
>();

function readOffsets(indices: tf.Tensor, runs: number | undefined, rows: number, cols: number): Int32Array {
  const cached = checkedOffsets.get(indices);
  if (cached && cached.runs === runs && cached.rows === rows && cached.cols === cols) return cached.offsets;
  const expected = runs === undefined ? '[k, 2]' : `[${runs}, k, 2]`;
  const rank = runs === undefined ? 2 : 3;
  if (
    indices.dtype !== 'int32' ||
    indices.rank !== rank ||
    indices.shape[rank - 1] !== 2 ||
    (runs !== undefined && indices.shape[0] !== runs)
  ) {
    throw new TypeError(
      `factorChainEntries: indices must be an int32 ${expected} tensor of (row, col) pairs, got ${indices.dtype} [${indices.shape}]`,
    );
  }
  const values = indices.dataSync() as Int32Array;
  const offsets = new Int32Array(values.length / 2);
  const perRun = offsets.length / (runs ?? 1);
  for (let j = 0; j < offsets.length; j++) {
    const [r, c] = [values[2 * j]!, values[2 * j + 1]!];
    if (!(r >= 0 && r < rows && c >= 0 && c < cols)) {
      throw new RangeError(
        `factorChainEntries: index pair ${j} is (${r}, ${c}), outside the ${rows} × ${cols} product`,
      );
    }
    offsets[j] = Math.floor(j / perRun) * rows * cols + r * cols + c;
  }
  if (!(indices instanceof tf.Variable)) checkedOffsets.set(indices, { runs, rows, cols, offsets });
  return offsets;
}

// The loops over entries are module functions: the op's closures are new every call, and V8 optimises a hot
// module function once for all of them.

/** GatherNd: entry j is `products[offsets[j]]`. */
function gatherEntries(entries: Float32Array, products: Float32Array, offsets: Int32Array): void {
  for (let j = 0; j < offsets.length; j++) entries[j] = products[offsets[j]!]!;
}

/** ScatterNd: each entry's gradient added, in order, at its offset into `target`, all zeros before. */
function scatterEntries(target: Float32Array, values: Float32Array, offsets: Int32Array): Float32Array {
  for (let j = 0; j < offsets.length; j++) target[offsets[j]!]! += values[j]!;
  return target;
}

/** Zeros at the offsets: a scatter target back to all zeros. */
function clearEntries(target: Float32Array, offsets: Int32Array): void {
  for (let j = 0; j < offsets.length; j++) target[offsets[j]!] = 0;
}

/** Factor shapes checked: float32, all matrices or all `[K, r, c]` stacks of one K, chained. */
function chainShapes(factors: readonly tf.Tensor[]): { runs?: number; shapes: [number, number][] } {
  if (factors.length === 0) throw new RangeError('factorChainEntries: needs at least one factor');
  const rank = factors[0]!.rank;
  const runs = rank === 3 ? factors[0]!.shape[0] : undefined;
  const shapes = factors.map((f, i) => {
    if (f.dtype !== 'float32' || (rank !== 2 && rank !== 3) || f.rank !== rank || (rank === 3 && f.shape[0] !== runs)) {
      throw new TypeError(
        `factorChainEntries: factors must all be float32 matrices, or [K, r, c] stacks of one K; factor ${i + 1} is ` +
          `${f.dtype} [${f.shape}]`,
      );
    }
    return f.shape.slice(-2) as [number, number];
  });
  for (let k = 1; k < shapes.length; k++) {
    if (shapes[k]![1] !== shapes[k - 1]![0]) {
      throw new RangeError(
        `factorChainEntries: factor ${k + 1} is [${shapes[k]}] but factor ${k} has ${shapes[k - 1]![0]} rows`,
      );
    }
  }
  return { runs, shapes };
}

/**
 * The entries `(W_D ⋯ W_1)[row, col]` at the index pairs of `indices`,
 * differentiable in every factor: matrix completion's forward and backward
 * pass as one op, its products made by `gemm` on host arrays.
 *
 * - Factors: matrices (`factors[0]` is W_1; factor k is r_k × c_k with
 *   c_k = r_{k−1}) with int32 `indices` `[k, 2]`; or `[K, r_k, c_k]` stacks of K
 *   independent runs with `indices` `[K, k, 2]`, run by run.
 * - Result: `[k]` (`[K, k]`), or with `column` `[k, 1]` (`[K, k, 1]`): a model's
 *   prediction column without a reshape.
 *
 * It computes what the composed ops compute (the chain by `tf.matMul`,
 * `tf.gatherND`; backwards ScatterNd and each product's two gradient
 * products), in the same order and through the same sgemm calls as the wasm
 * backend's BatchMatMul kernels when `gemm` is theirs (`backendMatMulGemm()`):
 * the same numbers, bit for bit. It saves tfjs's cost per kernel (the products,
 * gather, scatter and the tape's copies become one forward and one backward
 * step) and reads the factors in place.
 */
export function factorChainEntries(
  factors: readonly tf.Tensor[],
  indices: tf.Tensor,
  gemm: Float32Gemm,
  options: { column?: boolean } = {},
): tf.Tensor {
  const { runs, shapes } = chainShapes(factors);
  const batch = runs ?? 1;
  const cols = shapes[0]![1];
  const rows = shapes[shapes.length - 1]![0];
  const offsets = readOffsets(indices, runs, rows, cols);
  const count = offsets.length / batch;
  const outShape = [...(runs === undefined ? [] : [runs]), count, ...(options.column ? [1] : [])];
  const depth = factors.length;

  const op = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const tensors = inputs.slice(0, depth) as tf.Tensor[];
    // prefix[k] = W_{k+1} ⋯ W_1 per run (r_{k+1} × cols each), in scratch buffers kept for the backward pass;
    // W_1 itself is read again there.
    const prefix: Float32Array[] = [];
    const [value] = filledTensors([outShape], ([entries]) => {
      const views = tensors.map(hostValues);
      let previous = views[0]!;
      let previousSize = shapes[0]![0] * cols;
      for (let k = 1; k < depth; k++) {
        const [r, c] = shapes[k]!;
        const out = scratch.take(batch * r * cols);
        for (let b = 0; b < batch; b++) {
          gemm(
            false,
            false,
            r,
            cols,
            c,
            block(views[k]!, b, r * c, batch),
            block(previous, b, previousSize, batch),
            block(out, b, r * cols, batch),
          );
        }
        prefix.push(out);
        previous = out;
        previousSize = r * cols;
      }
      gatherEntries(entries!, previous, offsets);
    });
    let backwardDone = false;
    return {
      value: value!,
      gradFunc: (dy: tf.Tensor) => {
        if (backwardDone) throw new Error('factorChainEntries: the gradient of one forward pass was asked twice');
        backwardDone = true;
        // The gradients are written where their tensors live; views of the factors and dy are taken after.
        return filledTensors(
          tensors.map((t) => t.shape),
          (dFactors) => {
            const values = tensors.map(hostValues);
            // ScatterNd: the entries' gradients summed, in order, into each run's product (dy read in place).
            const target = depth === 1 ? dFactors[0]!.fill(0) : zeroed.take(batch * rows * cols);
            let upstream = scatterEntries(target, hostValues(dy), offsets);
            // prefix[k] = W_{k+1} · prefix[k−1]:
            // d/dW_{k+1} = upstream · prefix[k−1]ᵀ, d/dprefix[k−1] = W_{k+1}ᵀ · upstream.
            for (let k = depth - 1; k >= 1; k--) {
              const [r, c] = shapes[k]!;
              const below = k === 1 ? values[0]! : prefix[k - 2]!;
              const dFactor = dFactors[k]!;
              const dBelow = k === 1 ? dFactors[0]! : scratch.take(batch * c * cols);
              for (let b = 0; b < batch; b++) {
                const up = block(upstream, b, r * cols, batch);
                gemm(false, true, r, c, cols, up, block(below, b, c * cols, batch), block(dFactor, b, r * c, batch));
                gemm(
                  true,
                  false,
                  c,
                  cols,
                  r,
                  block(values[k]!, b, r * c, batch),
                  up,
                  block(dBelow, b, c * cols, batch),
                );
              }
              if (upstream === target) {
                clearEntries(target, offsets);
                zeroed.giveBack(target);
              } else {
                scratch.giveBack(upstream);
              }
              upstream = dBelow;
            }
            scratch.giveBack(...prefix);
          },
        );
      },
    };
  });
  return op(...factors);
}
