/** A typed array of numbers that a scratch pool hands out. */
type NumericArray = Float32Array | Float64Array;

/**
 * Buffers reused across calls of a synchronous routine, where each call
 * would otherwise allocate a few large matrices for the garbage collector (a
 * penalty's decomposition or a model's products every training step: at
 * 100×100, hundreds of kilobytes per step, which V8 then collects under
 * external-memory pressure on every core). A buffer belongs to whoever took
 * it until it is given back, so two holders never share one.
 *
 * @example const pool = new ScratchPool((n) => new Float64Array(n)); const t = pool.take(100); …; pool.giveBack(t);
 */
export class ScratchPool<T extends NumericArray> {
  private readonly free = new Map<number, T[]>();

  /**
   * @param create makes a new buffer of a length (zeros)
   * @param keepPerLength most buffers kept per length; more given back are left to the collector
   */
  constructor(
    private readonly create: (length: number) => T,
    private readonly keepPerLength = 16,
  ) {}

  /** A buffer of `length` values (contents unspecified: whatever its last holder left). */
  take(length: number): T {
    return this.free.get(length)?.pop() ?? this.create(length);
  }

  /** Returns buffers for reuse; the caller must not touch them afterwards. */
  giveBack(...buffers: T[]): void {
    for (const b of buffers) {
      let list = this.free.get(b.length);
      if (!list) {
        list = [];
        this.free.set(b.length, list);
      }
      if (list.length < this.keepPerLength && !list.includes(b)) list.push(b);
    }
  }
}
