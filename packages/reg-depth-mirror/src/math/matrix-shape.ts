/**
 * The 2-D shape a weight is viewed as: the last axis is the output axis, all
 * others are flattened into rows. A conv kernel [kh, kw, in, out] becomes
 * [kh*kw*in, out]; a dense kernel [in, out] stays; a vector [n] becomes [1, n].
 */
export function matrixShape(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [1, shape[0]!];
  const cols = shape[shape.length - 1]!;
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  return [rows, cols];
}
