import { getKernel, type KernelBackend, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';

/** Inputs of a kernel call: one tensor per name, or a list (Concat, Pack, AddN). */
export type KernelInputs = Record<string, TensorInfo> | TensorInfo[];

/**
 * Runs registered wasm kernels from inside another kernel and frees the
 * intermediate results it made. Everything `run` returns is released by
 * `dispose()` unless it was handed out with `keep()`.
 */
export class KernelScope {
  private readonly temps: TensorInfo[] = [];

  constructor(readonly backend: KernelBackend) {}

  /** Runs kernel `name` of the wasm backend (the one registered now). */
  run(name: string, inputs: KernelInputs, attrs: NamedAttrMap = {}): TensorInfo {
    const config = getKernel(name, 'wasm');
    if (config == null) throw new Error(`@rankbias/wasm-train: the wasm backend has no '${name}' kernel`);
    return this.track(config.kernelFunc({ inputs: inputs as never, backend: this.backend, attrs }) as TensorInfo);
  }

  /** Registers a result made elsewhere as an intermediate of this scope. */
  track(t: TensorInfo): TensorInfo {
    this.temps.push(t);
    return t;
  }

  /** Removes `t` from the intermediates, so it survives `dispose()` (the kernel's output). */
  keep(t: TensorInfo): TensorInfo {
    const i = this.temps.lastIndexOf(t);
    if (i >= 0) this.temps.splice(i, 1);
    return t;
  }

  reshape(x: TensorInfo, shape: number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: TensorInfo, perm: number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  /** Zero padding with `[before, after]` per axis; negative amounts crop. */
  padOrCrop(x: TensorInfo, amounts: Array<[number, number]>): TensorInfo {
    let out = x;
    if (amounts.some(([a, b]) => a > 0 || b > 0)) {
      const paddings = amounts.map(([a, b]) => [Math.max(0, a), Math.max(0, b)]);
      out = this.run('PadV2', { x: out }, { paddings, constantValue: 0 });
    }
    if (amounts.some(([a, b]) => a < 0 || b < 0)) {
      const begin = amounts.map(([a]) => Math.max(0, -a));
      const size = out.shape.map((d, i) => d - begin[i]! - Math.max(0, -amounts[i]![1]));
      out = this.run('Slice', { x: out }, { begin, size });
    }
    return out;
  }

  /** Frees every intermediate not kept. */
  dispose(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }
}

/** Runs `body` with a fresh scope and frees its intermediates, also on error. */
export function withScope(backend: KernelBackend, body: (scope: KernelScope) => TensorInfo): TensorInfo {
  const scope = new KernelScope(backend);
  try {
    return scope.keep(body(scope));
  } finally {
    scope.dispose();
  }
}
