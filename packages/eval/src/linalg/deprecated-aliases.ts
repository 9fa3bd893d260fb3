/**
 * Linear algebra this package used to export; it now lives in
 * `@rankbias/core`, the one home of rankbias's float64 linear algebra.
 * These aliases keep old imports working for one minor version.
 */
import * as core from '@rankbias/core';

/** @deprecated Import `denseMatrix` from `@rankbias/core`. */
export const matrix = core.denseMatrix;
/** @deprecated Import `DenseMatrix` from `@rankbias/core`. */
export type Matrix = core.DenseMatrix;
/** @deprecated Import `fromRows` from `@rankbias/core`. */
export const fromRows = core.fromRows;
/** @deprecated Import `matrixShape` from `@rankbias/core`. */
export const matrixShape = core.matrixShape;
/** @deprecated Import `multiply` from `@rankbias/core`. */
export const multiply = core.multiply;
/** @deprecated Import `transpose` from `@rankbias/core`. */
export const transpose = core.transpose;
/**
 * @deprecated Import `tensorToMatrix` from `@rankbias/core` (it views a vector as one row
 * instead of returning `undefined` below rank 2).
 */
export async function tensorToMatrix(
  t: { readonly rank: number } & Parameters<typeof core.tensorToMatrix>[0],
): Promise<core.DenseMatrix | undefined> {
  return t.rank < 2 ? undefined : core.tensorToMatrix(t);
}
