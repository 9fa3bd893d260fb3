import { broadcast_util, util, type TensorInfo } from '@tensorflow/tfjs-core';

/** A product's sizes: op(A) m × k, op(B) k × n, batch sizes of each operand, output shape. */
export interface ProductShape {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly batchA: number;
  readonly batchB: number;
  readonly outShape: number[];
}

/** Sizes of `op(a) · op(b)` as tfjs defines them (asserting matching inner sizes and broadcastable batches). */
export function productShape(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): ProductShape {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const k = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const kb = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const n = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  util.assert(
    k === kb,
    () =>
      `Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${a.shape} and ${b.shape} and ` +
      `transposeA=${transposeA} and transposeB=${transposeB} must match.`,
  );
  const outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  return {
    m,
    k,
    n,
    batchA: util.sizeFromShape(a.shape.slice(0, -2)),
    batchB: util.sizeFromShape(b.shape.slice(0, -2)),
    outShape: [...outer, m, n],
  };
}
