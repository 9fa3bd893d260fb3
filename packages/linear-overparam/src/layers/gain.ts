/**
 * He-init gain of a nonlinearity, as in `torch.nn.init.calculate_gain`:
 * relu-like sqrt(2), tanh 5/3, selu 3/4, everything else 1 (linear,
 * sigmoid, softmax).
 */
export function gainFor(activation: string | undefined): number {
  switch (activation) {
    case 'relu':
    case 'relu6':
    case 'elu':
    case 'gelu':
    case 'gelu_new':
    case 'swish':
    case 'mish':
      return Math.SQRT2;
    case 'tanh':
      return 5 / 3;
    case 'selu':
      return 0.75;
    default:
      return 1;
  }
}
