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
