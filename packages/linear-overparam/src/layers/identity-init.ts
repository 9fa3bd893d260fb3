import * as tf from '@tensorflow/tfjs-core';

/**
 * Factors (2-D, row-vector convention) whose product is exactly `base`
 * (`in × out`) and that use every inner unit, so training from them is not
 * stuck on a saddle:
 * - inner widths ≥ out: `W_1 = [base | R_1]`, `W_i = diag(I_out, R_i)`, `W_d = [I_out; 0]`;
 * - inner widths ≥ in:  `W_1 = [I_in | 0]`, `W_i = diag(I_in, R_i)`, `W_d = [base; R_d]`.
 * `R` are He-scaled Gaussian blocks (they never reach the output). Throws
 * when an inner width is below min(in, out): no exact factorisation exists
 * for a full-rank base.
 */
export function identityFactorMatrices(base: tf.Tensor2D, innerWidths: readonly number[]): tf.Tensor2D[] {
  const [inW, outW] = base.shape;
  const minInner = Math.min(...innerWidths);
  if (innerWidths.length === 0) return [base.clone()];
  const widths = [inW, ...innerWidths, outW];
  const randn = (rows: number, cols: number, fan: number) =>
    rows > 0 && cols > 0 ? tf.randomNormal([rows, cols], 0, 1 / Math.sqrt(fan)) : tf.zeros([rows, cols]);
  const blockDiag = (eye: number, rows: number, cols: number, fan: number): tf.Tensor2D =>
    tf.tidy(() => {
      const top = tf.concat([tf.eye(eye), tf.zeros([eye, cols - eye])], 1);
      const bottom = tf.concat([tf.zeros([rows - eye, eye]), randn(rows - eye, cols - eye, fan)], 1);
      return tf.concat([top, bottom], 0) as tf.Tensor2D;
    });
  const d = widths.length - 1;
  return tf.tidy(() => {
    const out: tf.Tensor2D[] = [];
    if (minInner >= outW) {
      for (let i = 0; i < d; i++) {
        const [r, c] = [widths[i]!, widths[i + 1]!];
        if (i === 0) out.push(tf.concat([base, randn(r, c - outW, r)], 1) as tf.Tensor2D);
        else if (i === d - 1) out.push(tf.concat([tf.eye(outW), tf.zeros([r - outW, outW])], 0) as tf.Tensor2D);
        else out.push(blockDiag(outW, r, c, r));
      }
    } else if (minInner >= inW) {
      for (let i = 0; i < d; i++) {
        const [r, c] = [widths[i]!, widths[i + 1]!];
        if (i === 0) out.push(tf.concat([tf.eye(inW), tf.zeros([inW, c - inW])], 1) as tf.Tensor2D);
        else if (i === d - 1) out.push(tf.concat([base, randn(r - inW, c, r)], 0) as tf.Tensor2D);
        else out.push(blockDiag(inW, r, c, r));
      }
    } else {
      throw new Error(
        `init 'identity' needs every inner width >= min(in, out) = ${Math.min(inW, outW)} to reproduce the base layer exactly; ` +
          `got inner widths ${JSON.stringify(innerWidths)}. Raise 'expansion' (or 'widths') or use init 'reference'.`,
      );
    }
    return out;
  });
}
