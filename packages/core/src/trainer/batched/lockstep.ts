import * as tf from '@tensorflow/tfjs-core';
import type { Batch, TaskKind } from '../../contracts/dataset.js';
import type { StackedModel } from '../../contracts/model.js';
import type { NamedVariable } from '../../contracts/named-tensor.js';
import { NonFiniteLossError } from '../errors.js';
import { captureOptimizerState, releaseCapturedState, restoreOptimizerState } from '../optimizer-state.js';
import type { PenaltyTerm } from '../penalty-terms.js';
import { batchedLossAndGrads } from './batched-step.js';

/** What the lockstep needs of each run. */
export interface LockstepRun {
  readonly optimizer: tf.Optimizer;
  readonly trainable: readonly NamedVariable[];
  readonly penalties: readonly PenaltyTerm[];
}

interface Pending {
  readonly batch: Batch;
  readonly step: number;
  readonly resolve: (values: Record<string, number>) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Runs K trainers' steps as one batched step: each trainer's `stepper(k)`
 * waits until every trainer still running has handed in its batch, then
 * one tape computes all K losses and gradients and one optimizer (over
 * the stacked variables) applies them. Runs that ended (stopped, failed)
 * keep a slot fed with zeros, so that shapes never change. `sync(k)`
 * copies run k's slice of the weights and optimizer state into its own
 * model and optimizer, before that run is evaluated or checkpointed.
 */
export class Lockstep {
  private readonly pending = new Map<number, Pending>();
  private readonly active: Set<number>;
  private readonly shapes: { x: [number[], tf.DataType]; y: [number[], tf.DataType] }[] = [];
  private readonly labels: string[];
  /** Step at which run k was last synced, and the stacked state's step. */
  private readonly syncedAt: number[];
  private stepsDone = 0;
  /** The last stacked inputs and the runs' batch tensors they were stacked from (reused while those stay the same). */
  private stacked?: {
    readonly sources: readonly (tf.Tensor | undefined)[];
    readonly x: tf.Tensor;
    readonly y: tf.Tensor;
  };

  constructor(
    private readonly model: StackedModel,
    private readonly optimizer: tf.Optimizer,
    private readonly task: TaskKind,
    private readonly runs: readonly LockstepRun[],
  ) {
    this.active = new Set(runs.map((_, k) => k));
    this.labels = ['loss/data', ...runs[0]!.penalties.map((p) => p.label)];
    this.syncedAt = runs.map(() => 0);
  }

  stepper(k: number): (batch: Batch, step: number) => Promise<Record<string, number>> {
    return (batch, step) =>
      new Promise((resolve, reject) => {
        this.shapes[k] = { x: [batch.x.shape, batch.x.dtype], y: [batch.y.shape, batch.y.dtype] };
        this.pending.set(k, { batch, step, resolve, reject });
        this.startWhenReady();
      });
  }

  /** Run k's trainer has ended: stop waiting for it. */
  leave(k: number): void {
    this.active.delete(k);
    this.startWhenReady();
  }

  /** Copies run k's slice of the weights and optimizer state into run k's model and optimizer (when they changed). */
  async sync(k: number): Promise<void> {
    if (this.syncedAt[k] === this.stepsDone) return;
    this.syncedAt[k] = this.stepsDone;
    this.model.writeTo(k);
    const stackedTrainable = this.model.trainableVariables();
    const captured = await captureOptimizerState(this.optimizer, stackedTrainable);
    try {
      const size = this.model.size;
      const perVariable = (name: string) => stackedTrainable.some((v) => name.startsWith(`${v.name}/`));
      const slice = captured.map(({ name, tensor }) => ({
        name,
        tensor:
          perVariable(name) && tensor.shape[0] === size
            ? tf.tidy(() => tf.squeeze(tf.gather(tensor, [k]), [0]))
            : tf.clone(tensor),
      }));
      await restoreOptimizerState(this.runs[k]!.optimizer, this.runs[k]!.trainable, slice);
    } finally {
      releaseCapturedState(captured);
    }
  }

  private startWhenReady(): void {
    if (this.active.size === 0 || [...this.active].some((k) => !this.pending.has(k))) return;
    const batch = new Map(this.pending);
    this.pending.clear();
    this.run(batch).catch((e) => {
      for (const p of batch.values()) p.reject(e);
    });
  }

  /**
   * The K batches stacked `[K, batch, ...]` (zeros for runs that ended).
   * Runs that train on a fixed full batch hand in the same tensors every
   * step; then the stack of the previous step is reused.
   */
  private stackedInputs(pending: Map<number, Pending>): { x: tf.Tensor; y: tf.Tensor } {
    const slots = Array.from({ length: this.model.size }, (_, k) => pending.get(k)?.batch);
    const sources = slots.flatMap((b) => [b?.x, b?.y]);
    const last = this.stacked;
    if (last && sources.every((t, i) => t === last.sources[i])) return last;
    const fill = (k: number, part: 'x' | 'y') => {
      const own = slots[k]?.[part];
      if (own) return own;
      const [shape, dtype] = this.shapes[k]![part];
      return tf.zeros(shape, dtype);
    };
    const xs = slots.map((_, k) => fill(k, 'x'));
    const ys = slots.map((_, k) => fill(k, 'y'));
    const stacked = { sources, x: tf.stack(xs), y: tf.stack(ys) };
    slots.forEach((b, k) => {
      if (!b) tf.dispose([xs[k]!, ys[k]!]);
    });
    this.disposeInputs();
    this.stacked = stacked;
    return stacked;
  }

  private disposeInputs(): void {
    if (this.stacked) tf.dispose([this.stacked.x, this.stacked.y]);
    this.stacked = undefined;
  }

  /** Frees the stacked inputs kept between steps. */
  dispose(): void {
    this.disposeInputs();
  }

  private async run(pending: Map<number, Pending>): Promise<void> {
    const size = this.model.size;
    const { x, y } = this.stackedInputs(pending);
    let grads: tf.NamedTensorMap | undefined;
    try {
      const out = batchedLossAndGrads(
        { model: this.model, task: this.task, penalties: this.runs.map((r) => r.penalties) },
        x,
        y,
      );
      grads = out.grads;
      const values = out.terms.dataSync();
      out.terms.dispose();
      const records = new Map<number, Record<string, number>>();
      const failed = new Map<number, NonFiniteLossError>();
      for (const [k, p] of pending) {
        const record: Record<string, number> = {};
        let total = 0;
        for (const [i, label] of this.labels.entries()) {
          const v = values[i * size + k]!;
          if (!Number.isFinite(v)) {
            failed.set(k, new NonFiniteLossError(p.step, label, v));
            break;
          }
          record[label] = v;
          total += v;
        }
        records.set(k, { loss: total, ...record });
      }
      // A failed run keeps the weights it had before this step, as when trained alone.
      for (const k of failed.keys()) await this.sync(k);
      this.optimizer.applyGradients(grads);
      this.stepsDone += 1;
      for (const [k, p] of pending) {
        const error = failed.get(k);
        if (error) p.reject(error);
        else p.resolve(records.get(k)!);
      }
    } finally {
      if (grads) tf.dispose(grads);
    }
  }
}
