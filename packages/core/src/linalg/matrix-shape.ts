/**
 * How a weight of rank >= 2 is viewed as a matrix: the last axis is the
 * output axis and all others are flattened into rows, so a conv kernel
 * `[kh, kw, in, out]` becomes `[kh*kw*in, out]` and a dense kernel `[in, out]`
 * stays. Rank-0/1 shapes (biases, scalars) have no matrix view: `undefined`.
 */
export function matrixShape(shape: readonly number[]): [number, number] | undefined {
  if (shape.length < 2) return undefined;
  const cols = shape[shape.length - 1]!;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return [rows, cols];
}

/**
 * The 2-D view of a tensor of any rank: `matrixShape` for rank >= 2, one row
 * `[1, n]` for a vector and `[1, 1]` for a scalar (so a penalty or a reader
 * can treat every weight as a matrix).
 */
export function matrixView(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  return matrixShape(shape) ?? [1, shape[0]!];
}
