/** Operand layouts shared by the matmul tests. */

/** The four (transposeA, transposeB) combinations. */
export const TRANSPOSES = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const;

/** Stored shape of an operand whose logical (rows x cols) matrix may be transposed. */
export function stored(batch: number[], rows: number, cols: number, transposed: boolean): number[] {
  return [...batch, ...(transposed ? [cols, rows] : [rows, cols])];
}
