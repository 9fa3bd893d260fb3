import type { Tensor } from '@tensorflow/tfjs-core';
import { matrixView } from './matrix-shape.js';

/**
 * A dense real matrix in float64, row-major: entry (i, j) is
 * `data[i * cols + j]`. The plain-JS linear algebra of rankbias works on it
 * so that singular values keep float64 accuracy whatever the tensor dtype.
 */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * What the linear-algebra helpers accept: a `DenseMatrix`, nested rows
 * (`number[][]`), or a tfjs tensor (read synchronously, viewed 2-D by `matrixView`).
 */
export type MatrixInput = DenseMatrix | readonly (readonly number[])[] | Tensor;

/** Wraps (copying into float64) row-major values as a `DenseMatrix`; checks the shape and length. */
export function denseMatrix(rows: number, cols: number, values: ArrayLike<number>): DenseMatrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`denseMatrix: rows and cols must be non-negative integers (got ${rows}x${cols})`);
  }
  if (values.length !== rows * cols) {
    throw new RangeError(`denseMatrix: ${rows}x${cols} needs ${rows * cols} values, got ${values.length}`);
  }
  // `new Float64Array(typedArray)` converts in one native pass; `from` would iterate.
  return { rows, cols, data: new Float64Array(values as ArrayLike<number>) };
}

/** Builds a `DenseMatrix` from nested rows (`number[][]`), checking they all have one length. */
export function fromRows(rows: readonly (readonly number[])[]): DenseMatrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new RangeError(`fromRows: row ${i} has ${r.length} entries, row 0 has ${cols}`);
    data.set(r, i * cols);
  });
  return { rows: rows.length, cols, data };
}

/**
 * `DenseMatrix` view of a `MatrixInput`: nested rows are copied, a tensor is
 * read with `dataSync` (call it outside `tf.tidy` bodies you want to stay
 * lazy; `tensorToMatrix` is the async reader), a `DenseMatrix` is returned as is.
 */
export function toDense(a: MatrixInput): DenseMatrix {
  if (Array.isArray(a)) return fromRows(a as readonly (readonly number[])[]);
  if (isTensor(a)) {
    const [rows, cols] = matrixView(a.shape);
    return denseMatrix(rows, cols, a.dataSync());
  }
  return a as DenseMatrix;
}

/**
 * Reads a tensor as a float64 matrix without blocking (`await t.data()`),
 * viewed 2-D by `matrixView`: `[prod(shape[:-1]), shape[-1]]` for rank >= 2.
 */
export async function tensorToMatrix(t: Tensor): Promise<DenseMatrix> {
  const [rows, cols] = matrixView(t.shape);
  return denseMatrix(rows, cols, (await t.data()) as ArrayLike<number>);
}

function isTensor(x: MatrixInput): x is Tensor {
  return typeof (x as Tensor).dataSync === 'function' && Array.isArray((x as Tensor).shape);
}

/** The transpose as a new matrix. */
export function transpose(a: DenseMatrix): DenseMatrix {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j]!;
  }
  return { rows: a.cols, cols: a.rows, data: out };
}

/** Frobenius norm, computed with scaling so that huge or tiny entries neither overflow nor underflow. */
export function frobeniusNorm(a: MatrixInput): number {
  const { data } = toDense(a);
  let scale = 0;
  for (let i = 0; i < data.length; i++) scale = Math.max(scale, Math.abs(data[i]!));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]! / scale;
    sum += v * v;
  }
  return scale * Math.sqrt(sum);
}
