/**
 * The plain EISPACK tred2 (as in JAMA, on the transposed layout of
 * symmetric-eigen.ts): the reference that the register-blocked
 * `householderTridiagonal` must reproduce bit for bit, and the baseline of
 * bench/tridiagonal.ts. Not exported from core.
 */
export function plainTridiagonal(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  const get = (r: number, c: number) => V[r * n + c]!;
  const set = (r: number, c: number, x: number) => {
    V[r * n + c] = x;
  };
  for (let j = 0; j < n; j++) d[j] = get(j, n - 1);
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = get(j, i - 1);
        set(j, i, 0);
        set(i, j, 0);
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        set(i, j, f);
        const rowJ = j * n;
        g = e[j]! + V[rowJ + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[rowJ + k]! * d[k]!;
          e[k]! += V[rowJ + k]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        const rowJ = j * n;
        for (let k = j; k <= i - 1; k++) V[rowJ + k]! -= f * e[k]! + g * d[k]!;
        d[j] = get(j, i - 1);
        set(j, i, 0);
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    set(i, n - 1, get(i, i));
    set(i, i, 1);
    const h = d[i + 1]!;
    if (h !== 0) {
      const rowI1 = (i + 1) * n;
      for (let k = 0; k <= i; k++) d[k] = V[rowI1 + k]! / h;
      for (let j = 0; j <= i; j++) {
        const rowJ = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[rowI1 + k]! * V[rowJ + k]!;
        for (let k = 0; k <= i; k++) V[rowJ + k]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) set(i + 1, k, 0);
  }
  for (let j = 0; j < n; j++) {
    d[j] = get(j, n - 1);
    set(j, n - 1, 0);
  }
  set(n - 1, n - 1, 1);
  e[0] = 0;
}
