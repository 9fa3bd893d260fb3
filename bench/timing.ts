/** Wall-clock timing helpers for the benchmarks: medians over repeated runs after warm-up. */

export interface TimingOptions {
  /** Untimed runs first (JIT, XNNPACK operator caches, heap growth). */
  readonly warmup: number;
  /** Timed runs; the median is reported. */
  readonly reps: number;
}

export interface Timing {
  /** Median wall-clock time per step. */
  readonly medianMs: number;
  readonly minMs: number;
  /**
   * Median CPU time of the process per step: the step's cost on an idle core
   * for single-threaded code, robust to other processes sharing the machine.
   */
  readonly cpuMedianMs: number;
  readonly reps: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `step` (done once it returns or its promise resolves) and reports the
 * median wall and CPU time per step, `stepsPerCall` steps making one call.
 */
export async function timeSteps(
  step: () => void | Promise<void>,
  options: TimingOptions,
  stepsPerCall = 1,
): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await step();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < options.reps; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    await step();
    const used = process.cpuUsage(cpuStart);
    times.push((performance.now() - start) / stepsPerCall);
    cpu.push((used.user + used.system) / 1000 / stepsPerCall);
  }
  return { medianMs: median(times), minMs: Math.min(...times), cpuMedianMs: median(cpu), reps: options.reps };
}
