/**
 * Float64 buffers reused across calls of a synchronous routine, where each
 * call would otherwise allocate a few large matrices for the garbage
 * collector (a penalty's decomposition every training step: at 100×100 that
 * is hundreds of kilobytes per step, and V8 then collects under external
 * memory pressure on every core). A buffer belongs to whoever took it until
 * it is given back; nothing is shared between two holders.
 */
export class Float64Scratch {
  private readonly free = new Map<number, Float64Array[]>();

  constructor(private readonly keepPerLength = 4) {}

  /** A buffer of `length` values (contents unspecified). */
  take(length: number): Float64Array {
    return this.free.get(length)?.pop() ?? new Float64Array(length);
  }

  /** Returns buffers for reuse; the caller must not touch them afterwards. */
  giveBack(...buffers: Float64Array[]): void {
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
