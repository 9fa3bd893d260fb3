/**
 * A dense row-major float64 matrix: the common currency of the spectral
 * routines (tfjs tensors are converted once, then everything runs in JS
 * double precision).
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major, `rows * cols` entries. */
  readonly data: Float64Array;
}

/** Builds a `Matrix` from row-major data, checking the size. */
export function matrix(rows: number, cols: number, data: ArrayLike<number>): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix: rows and cols must be non-negative integers, got ${rows}x${cols}`);
  }
  if (data.length !== rows * cols) {
    throw new RangeError(`matrix: expected ${rows * cols} entries for ${rows}x${cols}, got ${data.length}`);
  }
  return { rows, cols, data: Float64Array.from(data) };
}

/** Builds a `Matrix` from an array of rows. */
export function fromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r ? rows[0]!.length : 0;
  const data = new Float64Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new RangeError(`fromRows: row ${i} has ${row.length} entries, expected ${c}`);
    data.set(row, i * c);
  });
  return { rows: r, cols: c, data };
}

/**
 * How a weight of any rank is viewed as a matrix: the last axis is the
 * output axis and everything before it is flattened, so a conv kernel
 * `[kh, kw, in, out]` becomes `[kh*kw*in, out]` and a dense kernel stays
 * `[in, out]`. Rank-0/1 weights (biases) have no matrix view: `undefined`.
 */
export function matrixShape(shape: readonly number[]): [number, number] | undefined {
  if (shape.length < 2) return undefined;
  const cols = shape[shape.length - 1]!;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return [rows, cols];
}

/** The transpose. */
export function transpose(a: Matrix): Matrix {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j]!;
  return { rows: a.cols, cols: a.rows, data: out };
}

/** Matrix product `a b`. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`multiply: ${a.rows}x${a.cols} times ${b.rows}x${b.cols}`);
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j]! += aik * b.data[k * b.cols + j]!;
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}
