/**
 * TensorFlow's 'same' padding for one spatial axis: the output has
 * ceil(size / stride) positions; the total padding is split with the extra
 * pixel after (pad_before = floor(total / 2)).
 */
export function samePadding(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Output length of a convolution along one axis. */
export function convOutputLength(size: number, kernel: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}
