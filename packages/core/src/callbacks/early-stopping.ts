import { z } from 'zod';
import type { TrainContext } from '../contracts/callback.js';
import { definePlugin } from '../contracts/plugin.js';
import { InputError } from '../errors/input-error.js';
import type { StatefulCallback } from './stateful.js';

export const earlyStoppingOptionsSchema = z.strictObject({
  /** Evaluation key to watch, e.g. `test/loss` or `test/accuracy`. */
  monitor: z.string().min(1),
  /** `min`, `max`, or `auto` (the direction the monitored metric declares; an error when it declares none). */
  mode: z.enum(['min', 'max', 'auto']).default('auto'),
  /** Evaluations without improvement before stopping. */
  patience: z.number().int().positive().default(5),
  /** Smallest change that counts as an improvement. */
  minDelta: z.number().nonnegative().default(0),
});
export type EarlyStoppingOptions = z.input<typeof earlyStoppingOptionsSchema>;

interface EarlyStoppingState {
  best: number | null;
  bad: number;
}

/** Stops training when `monitor` has not improved for `patience` evaluations. */
export class EarlyStopping implements StatefulCallback {
  private state: EarlyStoppingState = { best: null, bad: 0 };
  private readonly options: z.output<typeof earlyStoppingOptionsSchema>;
  private minimize?: boolean;

  constructor(options: EarlyStoppingOptions) {
    this.options = earlyStoppingOptionsSchema.parse(options);
    if (this.options.mode !== 'auto') this.minimize = this.options.mode === 'min';
  }

  /** `mode: auto` takes the monitored metric's declared direction. */
  private minimizes(ctx: TrainContext): boolean {
    if (this.minimize !== undefined) return this.minimize;
    const { monitor } = this.options;
    const direction = ctx.metricInfo?.(monitor)?.direction;
    if (direction !== 'min' && direction !== 'max') {
      throw new InputError(
        `early-stopping: metric "${monitor}" declares no direction (${direction ?? 'it is not described'}); set mode: min or mode: max`,
      );
    }
    return (this.minimize = direction === 'min');
  }

  onEvalEnd(ctx: TrainContext, metrics: Readonly<Record<string, number>>): void {
    const value = metrics[this.options.monitor];
    if (value === undefined) return;
    const minimize = this.minimizes(ctx);
    const { best } = this.state;
    const improved =
      Number.isFinite(value) &&
      (best === null || (minimize ? value < best - this.options.minDelta : value > best + this.options.minDelta));
    if (improved) {
      this.state = { best: value, bad: 0 };
      return;
    }
    this.state.bad += 1;
    if (this.state.bad >= this.options.patience) {
      ctx.requestStop(
        `early-stopping: ${this.options.monitor} did not improve for ${this.options.patience} evaluations (best ${best})`,
      );
    }
  }

  getState(): EarlyStoppingState {
    return { ...this.state };
  }

  setState(state: unknown): void {
    const s = state as EarlyStoppingState;
    this.state = { best: s.best ?? null, bad: s.bad ?? 0 };
  }
}

export const earlyStoppingPlugin = definePlugin({
  kind: 'callback',
  name: 'early-stopping',
  description:
    'Stops the run (status "stopped") when a monitored evaluation metric stops improving for `patience` evaluations',
  options: earlyStoppingOptionsSchema,
  create: (options) => new EarlyStopping(options),
});
