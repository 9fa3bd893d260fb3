import type * as tf from '@tensorflow/tfjs-core';
import { Callback } from '@tensorflow/tfjs-layers';
import { effectiveRank, globMatch, singularValues, stableRank, tensorToMatrix } from '@rankbias/core';
import { detectCollapse, neuronVectors } from '../metrics/collapse.js';
import { hiddenLayersOf } from '../metrics/model-neurons.js';

/** One measurement of the chosen layers during `model.fit`. */
export interface RankRecord {
  readonly epoch: number;
  /** Batch index within the epoch. */
  readonly batch: number;
  /** Batches trained since `fit` began. */
  readonly step: number;
  /**
   * `erank/<layer>` (exp of the spectral entropy), `stable-rank/<layer>`
   * (‖W‖²_F/‖W‖²₂) of each chosen layer's kernel, and for hidden layers
   * `collapse/<layer>/vanished` (fraction), `.../duplicates` and
   * `.../independent` (fraction of independent neurons).
   */
  readonly values: Readonly<Record<string, number>>;
}

/** Options of `rankLoggingCallback`. */
export interface RankLoggingOptions {
  /** Glob patterns over layer names (default: every layer with a kernel). */
  readonly layers?: readonly string[];
  /** Measure every N batches (default 10), and after the last batch. */
  readonly every?: number;
  /** Called with each record (default: one console line per record). */
  readonly log?: (record: RankRecord) => void;
}

function consoleLine(r: RankRecord): void {
  const parts = Object.entries(r.values).map(([k, v]) => `${k}=${Number(v.toPrecision(4))}`);
  console.log(`[rank] epoch ${r.epoch} batch ${r.batch} (step ${r.step}): ${parts.join(' ')}`);
}

/**
 * A tfjs-layers callback for your own `model.fit`: every `every` batches it
 * measures the effective rank, stable rank and neuron collapse of the chosen
 * layers' kernels, hands a `RankRecord` to `log`, and keeps every record in
 * `records`.
 */
export class RankLoggingCallback extends Callback {
  readonly records: RankRecord[] = [];
  private step = 0;
  private epoch = 0;
  private lastMeasured = -1;
  private readonly every: number;

  constructor(private readonly options: RankLoggingOptions = {}) {
    super();
    this.every = options.every ?? 10;
    if (!Number.isInteger(this.every) || this.every < 1)
      throw new RangeError(`rankLoggingCallback: every must be a whole number >= 1 (got ${options.every})`);
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
  }

  override async onBatchEnd(batch: number): Promise<void> {
    this.step += 1;
    if (this.step % this.every === 0) await this.measure(batch);
  }

  override async onTrainEnd(): Promise<void> {
    if (this.lastMeasured !== this.step) await this.measure(-1);
  }

  /** Measures the chosen layers now (also what every N batches calls). */
  async measure(batch: number): Promise<RankRecord> {
    const chosen = (name: string) =>
      !this.options.layers?.length || this.options.layers.some((p) => globMatch(p, name));
    const kernels = this.model.layers.flatMap((layer) =>
      layer.weights
        .filter((w) => w.shape.length >= 2)
        .map((w) => ({ layer: layer.name, name: w.originalName ?? w.name, w })),
    );
    const values: Record<string, number> = {};
    for (const k of kernels) {
      if (!chosen(k.layer)) continue;
      const s = singularValues(await tensorToMatrix(k.w.read()));
      values[`erank/${k.layer}`] = effectiveRank(s);
      values[`stable-rank/${k.layer}`] = stableRank(s);
    }
    const named = this.model.weights.map((w) => ({ name: w.originalName ?? w.name, variable: w.read() as tf.Tensor }));
    for (const h of await hiddenLayersOf(named)) {
      const layer = kernels.find((k) => k.name === `${h.name}/kernel`)?.layer ?? h.name;
      if (!chosen(layer)) continue;
      const r = detectCollapse(neuronVectors(h.incoming, h.bias, h.outgoing));
      values[`collapse/${layer}/vanished`] = r.neurons ? r.vanished.length / r.neurons : 0;
      values[`collapse/${layer}/duplicates`] = r.duplicates;
      values[`collapse/${layer}/independent`] = r.independentFraction;
    }
    const record: RankRecord = { epoch: this.epoch, batch, step: this.step, values };
    this.lastMeasured = this.step;
    this.records.push(record);
    (this.options.log ?? consoleLine)(record);
    return record;
  }
}

/**
 * The rank logger for `model.fit(x, y, { callbacks: [rankLoggingCallback({ every: 5 })] })`.
 *
 * @example
 * const ranks = rankLoggingCallback({ layers: ['hidden*'], every: 20, log: (r) => console.log(r.values) });
 * await model.fit(x, y, { epochs: 3, callbacks: [ranks] });
 */
export function rankLoggingCallback(options: RankLoggingOptions = {}): RankLoggingCallback {
  return new RankLoggingCallback(options);
}
