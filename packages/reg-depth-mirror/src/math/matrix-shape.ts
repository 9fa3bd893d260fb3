import { matrixShape as kernelMatrixShape } from '@rankbias/core';

/**
 * The 2-D shape a weight is viewed as: the last axis is the output axis, all
 * others are flattened into rows (core's `matrixShape`). A conv kernel
 * [kh, kw, in, out] becomes [kh*kw*in, out]; a dense kernel [in, out] stays;
 * here a vector [n] also has a view, [1, n], and a scalar is [1, 1].
 */
export function matrixShape(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  return kernelMatrixShape(shape) ?? [1, shape[0]!];
}
