/**
 * Linear algebra this package used to export; it now lives in
 * `@rankbias/core`, the one home of rankbias's float64 linear algebra.
 * These aliases keep old imports working for one minor version.
 */
import * as core from '@rankbias/core';

/** @deprecated Import `singularValues` from `@rankbias/core` (default method `jacobi`; `{ method: 'auto' }` is this package's old default). */
export const singularValues = (m: core.MatrixInput, options: core.SingularValueOptions = {}): Float64Array =>
  core.singularValues(m, { method: 'auto', ...options });
/** @deprecated Import `frobeniusNorm` from `@rankbias/core`. */
export const frobeniusNorm = core.frobeniusNorm;
/** @deprecated Import `toDense` from `@rankbias/core`. */
export const toDenseMatrix = core.toDense;
/** @deprecated Import `MatrixInput` from `@rankbias/core`. */
export type MatrixLike = core.MatrixInput;
/** @deprecated Import `defaultRankTolerance` from `@rankbias/core`. */
export const defaultRankTolerance = core.defaultRankTolerance;
/** @deprecated Import `polarDecomposition` from `@rankbias/core`. */
export const polarDecomposition = core.polarDecomposition;
/** @deprecated Import `PolarMethod` from `@rankbias/core`. */
export type JsSpectralMethod = core.PolarMethod;
/** @deprecated Import `PolarDecomposition` from `@rankbias/core`. */
export type PolarDecomposition = core.PolarDecomposition;
/** @deprecated Import `PolarOptions` from `@rankbias/core`. */
export type PolarOptions = core.PolarOptions;
/** @deprecated Import `matrixView` from `@rankbias/core` (core's `matrixShape` is `undefined` below rank 2). */
export const matrixShape = core.matrixView;
/** @deprecated Import `symmetricEigen` from `@rankbias/core`. */
export const symmetricEigen = core.symmetricEigen;
/** @deprecated Import `SymmetricEigen` from `@rankbias/core`. */
export type SymmetricEigen = core.SymmetricEigen;
/** @deprecated Import `denseMatrix` from `@rankbias/core`. */
export const denseMatrix = core.denseMatrix;
/** @deprecated Import `fromRows` from `@rankbias/core`. */
export const fromRows = core.fromRows;
/** @deprecated Import `jacobiSvd` from `@rankbias/core`. */
export const jacobiSvd = core.jacobiSvd;
/** @deprecated Import `transpose` from `@rankbias/core`. */
export const transpose = core.transpose;
/** @deprecated Import `DenseMatrix` from `@rankbias/core`. */
export type DenseMatrix = core.DenseMatrix;
/** @deprecated Import `JacobiSvd` from `@rankbias/core`. */
export type JacobiSvd = core.JacobiSvd;
