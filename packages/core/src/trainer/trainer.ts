import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import type { Callback, StepRecord, TrainContext } from '../contracts/callback.js';
import type { Batch, Split } from '../contracts/dataset.js';
import type { LogRecord } from '../contracts/logger.js';
import type { Evaluation, MetricInfo, MetricKeyInfo } from '../contracts/metric.js';
import { metricInfoOf, resolveMetricInfo, TRAINER_METRIC_KEYS } from '../metrics/metric-info.js';
import type { NamedVariable } from '../contracts/named-tensor.js';
import type { RunResult, RunStatus } from '../contracts/result.js';
import { toPlainConfig, type ResolvedConfig } from '../config/resolve.js';
import { isStatefulCallback } from '../callbacks/stateful.js';
import type { Rng } from '../rng/rng.js';
import { withSeededMathRandom } from '../rng/seeded-math.js';
import type { RunDirPaths } from '../run-dir/paths.js';
import { BatchSchedule } from './batch-schedule.js';
import { updateBest } from './best-metrics.js';
import { configHash } from './content-hash.js';
import { saveCheckpoint, type CheckpointContents, type TrainerState } from './checkpoint.js';
import type { RunComponents } from './components.js';
import type { ProgressListener } from './context.js';
import { NonFiniteLossError } from './errors.js';
import { evaluateSplit } from './evaluate.js';
import { assignVariables } from './model-state.js';
import { captureOptimizerState, releaseCapturedState, restoreOptimizerState } from './optimizer-state.js';
import { trainStep, type TrainStepInputs } from './train-step.js';
import { float64Accelerator } from '../linalg/accelerator.js';

/** Outcome of `Trainer.run` with the stop reason when a callback ended it early. */
export type TrainerResult = RunResult & { readonly stopReason?: string };

export interface TrainerSettings {
  readonly config: ResolvedConfig;
  readonly backend: string;
  /** Run directory paths; without them nothing is written (no checkpoints). */
  readonly paths?: RunDirPaths;
  readonly onProgress?: ProgressListener;
  /**
   * Computes a step in place of `trainStep` (batched runs: one step of many
   * runs at once); resolves with the loss terms, rejects with
   * `NonFiniteLossError` like `trainStep`.
   */
  readonly stepper?: (batch: Batch, step: number) => Promise<Record<string, number>>;
  /** Called before the model or optimizer is read (evaluation, checkpoint), e.g. to copy weights in from a batched model. */
  readonly beforeRead?: () => Promise<void>;
}

/**
 * The training loop: seeded batches, one `trainStep` per step (with
 * `Math.random` seeded from (seed, step)), evaluations, logging, callbacks
 * and atomic checkpoints. Build it from `RunComponents`; `restore` a
 * checkpoint to continue a run exactly.
 */
export class Trainer {
  private step = 0;
  private elapsedBefore = 0;
  private segmentStart = performance.now();
  private best: Record<string, number> = {};
  private final: Record<string, number> = {};
  private lastEvalStep = -1;
  private finished?: { status: RunStatus };
  /** Records handed to the loggers so far (= lines of metrics.jsonl). */
  private records = 0;
  private stopReason?: string;
  private readonly schedule: BatchSchedule;
  private readonly trainable: readonly NamedVariable[];
  private readonly stepInputs: TrainStepInputs;
  private readonly stepRngBase: Rng;
  private readonly augmentRngBase: Rng;
  private readonly metricRngBase: Rng;
  private readonly context: TrainContext;
  /** sha256 of the resolved config, stored in every checkpoint. */
  private readonly configHash: string;
  /** The trainer's own key descriptions, then every metric's (the first match wins). */
  private readonly descriptions: readonly MetricKeyInfo[];
  private lastStepKeys: readonly string[] = [];
  /** The full batch, built once, when every step trains on the same examples unaugmented (`Dataset.augments === false`). */
  private fixedBatch?: Batch;

  constructor(
    readonly components: RunComponents,
    private readonly settings: TrainerSettings,
  ) {
    const { root, dataset, model, optimizer, penalties } = components;
    const { train } = settings.config;
    this.configHash = configHash(toPlainConfig(settings.config));
    this.schedule = new BatchSchedule(dataset.size('train'), train.batchSize, root.fork('shuffle'));
    this.trainable = model.trainableVariables();
    this.stepInputs = { model, optimizer, task: dataset.task, trainable: this.trainable, penalties };
    this.stepRngBase = root.fork('math-random:step');
    this.augmentRngBase = root.fork('augment');
    this.metricRngBase = root.fork('math-random:metric');
    this.descriptions = [
      ...TRAINER_METRIC_KEYS,
      ...components.metrics.flatMap((m) => m.metric.describe?.({ dataset }) ?? []),
    ];
    const self = this;
    this.context = {
      model,
      dataset,
      get step() {
        return self.step;
      },
      totalSteps: train.steps,
      runDir: settings.paths?.root,
      metricInfo: (key: string) => self.metricInfo(key),
      requestStop: (reason: string) => {
        self.stopReason ??= reason;
      },
    };
  }

  /** Steps completed so far. */
  get currentStep(): number {
    return this.step;
  }

  /** What `key` means, as the trainer or the metric producing it declares. */
  metricInfo(key: string): MetricInfo | undefined {
    return resolveMetricInfo(this.descriptions, key);
  }

  private get elapsed(): number {
    return this.elapsedBefore + (performance.now() - this.segmentStart) / 1000;
  }

  /** Puts the model, optimizer, generators and loop position back where `checkpoint` left them. */
  async restore(checkpoint: CheckpointContents): Promise<void> {
    const { model, optimizer, rngs, callbacks } = this.components;
    const { state } = checkpoint;
    assignVariables(model.variables(), checkpoint.variables);
    await restoreOptimizerState(optimizer, this.trainable, checkpoint.optimizer);
    for (const [label, s] of Object.entries(state.rngs)) rngs.get(label)?.setState(s);
    this.schedule.restore(state.schedule);
    this.step = state.step;
    this.elapsedBefore = state.elapsedSeconds;
    this.best = { ...state.best };
    this.final = { ...state.final };
    this.lastEvalStep = state.lastEvalStep;
    this.finished = state.finished;
    this.records = state.records;
    callbacks.forEach((cb, i) => {
      if (isStatefulCallback(cb) && state.callbacks[i] != null) cb.setState(state.callbacks[i]);
    });
  }

  private async each(hook: (cb: Callback) => void | Promise<void> | undefined): Promise<void> {
    for (const cb of this.components.callbacks) await hook(cb);
  }

  private log(step: number, kind: LogRecord['kind'], values: Readonly<Record<string, number>>): void {
    const record: LogRecord = { step, kind, values, time: Math.round(this.elapsed * 1000) / 1000 };
    this.records += 1;
    for (const logger of this.components.loggers) logger.log(record);
  }

  /** Runs the remaining steps and returns the run's result (status `failed` on a NaN/Inf loss term). */
  async run(): Promise<TrainerResult> {
    const { train } = this.settings.config;
    this.segmentStart = performance.now();
    let status: RunStatus = this.finished?.status ?? 'completed';
    let error: RunResult['error'];
    await this.each((cb) => cb.onTrainStart?.(this.context));
    try {
      if (!this.finished) {
        if (this.step === 0 && this.lastEvalStep < 0) await this.evaluate(0, false);
        let lastYield = performance.now();
        while (this.step < train.steps && this.stopReason === undefined) {
          await this.trainOneStep();
          if (performance.now() - lastYield > 100) {
            // Give the event loop a turn so signals (Ctrl-C) and timers are handled during long runs.
            await new Promise((resolve) => setImmediate(resolve));
            lastYield = performance.now();
          }
          if (this.stopReason !== undefined) break;
          if (train.checkpointEvery > 0 && this.step % train.checkpointEvery === 0 && this.step < train.steps) {
            await this.checkpoint();
          }
        }
        if (this.stopReason !== undefined && this.step < train.steps) {
          // Resumable: the checkpoint holds the state at the end of the last step, before the closing evaluation.
          status = 'stopped';
          await this.checkpoint();
          if (this.lastEvalStep !== this.step) await this.evaluate(this.step, true);
        } else {
          status = 'completed';
          this.finished = { status };
          await this.checkpoint();
        }
      }
    } catch (e) {
      if (!(e instanceof NonFiniteLossError)) throw e;
      status = 'failed';
      error = { message: e.message, step: e.step, term: e.term };
    } finally {
      if (this.fixedBatch) tf.dispose([this.fixedBatch.x, this.fixedBatch.y]);
      this.fixedBatch = undefined;
    }
    const result: TrainerResult = {
      status,
      steps: this.step,
      final: this.final,
      best: this.best,
      metrics: metricInfoOf(this.descriptions, [
        ...Object.keys(this.final),
        ...Object.keys(this.best),
        ...this.lastStepKeys,
      ]),
      ...(error ? { error } : {}),
      backend: this.settings.backend,
      ...linalgRecord(),
      seed: this.settings.config.seed,
      wallSeconds: Math.round(this.elapsed * 1000) / 1000,
      ...(status === 'stopped' && this.stopReason !== undefined ? { stopReason: this.stopReason } : {}),
    };
    await this.each((cb) => cb.onTrainEnd?.(this.context, result));
    return result;
  }

  /** Step `step`'s batch: the fixed full batch where there is one, else a fresh one the caller disposes. */
  private nextBatch(step: number): Batch {
    const { dataset } = this.components;
    if (this.fixedBatch) {
      this.schedule.advance();
      return this.fixedBatch;
    }
    const indices = this.schedule.next();
    const batch = dataset.batch('train', indices, { augment: true, rng: this.augmentRngBase.fork(step) });
    if (this.schedule.full && dataset.augments === false) this.fixedBatch = batch;
    return batch;
  }

  private async trainOneStep(): Promise<void> {
    const step = this.step + 1;
    const { train } = this.settings.config;
    const batch = this.nextBatch(step);
    let values: Record<string, number>;
    try {
      const { stepper } = this.settings;
      values = stepper
        ? await stepper(batch, step)
        : withSeededMathRandom(this.stepRngBase.fork(step), () => trainStep(this.stepInputs, batch, step));
    } finally {
      if (batch !== this.fixedBatch) tf.dispose([batch.x, batch.y]);
    }
    this.step = step;
    this.lastStepKeys = Object.keys(values);
    const record: StepRecord = { step, values };
    for (const logger of this.components.loggers) logger.progress?.(step, train.steps, values);
    this.settings.onProgress?.(step, train.steps, values);
    if (step % train.logEvery === 0 || step === train.steps) this.log(step, 'train', values);
    await this.each((cb) => cb.onStepEnd?.(this.context, record));
    await this.evaluate(step, step === train.steps);
  }

  /**
   * An evaluation round at `step` when one is due: split losses/accuracies
   * every `evalEvery` steps, each metric at its own `every` (or with the
   * splits), and everything when `last`.
   */
  private async evaluate(step: number, last: boolean): Promise<void> {
    const { train } = this.settings.config;
    const { model, dataset, metrics } = this.components;
    const splitsDue = last || (train.evalEvery > 0 && step % train.evalEvery === 0);
    const metricsDue = metrics.filter((m) => last || (m.every ? step % m.every === 0 : splitsDue));
    if (!splitsDue && !metricsDue.length) return;
    await this.settings.beforeRead?.();
    const cache = new Map<Split, Promise<Evaluation | undefined>>();
    const evaluate = (split: Split) => {
      if (!cache.has(split)) {
        cache.set(
          split,
          evaluateSplit(model, dataset, split, { maxExamples: train.evalExamples, batchSize: train.evalBatchSize }),
        );
      }
      return cache.get(split)!;
    };
    const values: Record<string, number> = {};
    if (splitsDue) {
      for (const split of train.evalSplits) {
        const e = await evaluate(split);
        if (!e) continue;
        values[`${split}/loss`] = e.loss;
        if (e.accuracy !== undefined) values[`${split}/accuracy`] = e.accuracy;
      }
    }
    for (const [i, m] of metricsDue.entries()) {
      const out = await withSeededMathRandom(this.metricRngBase.fork(`${step}:${i}`), () =>
        m.metric.compute({
          model,
          dataset,
          step,
          evaluate: async (split) => {
            const e = await evaluate(split);
            if (!e) throw new Error(`cannot evaluate split "${split}": the dataset has no examples in it`);
            return e;
          },
        }),
      );
      Object.assign(values, out);
    }
    this.final = values;
    this.best = updateBest(this.best, values, (k) => this.metricInfo(k));
    this.lastEvalStep = step;
    this.log(step, 'eval', values);
    await this.each((cb) => cb.onEvalEnd?.(this.context, values));
  }

  private state(): TrainerState {
    return {
      step: this.step,
      schedule: this.schedule.state(),
      elapsedSeconds: this.elapsed,
      rngs: Object.fromEntries([...this.components.rngs].map(([k, r]) => [k, r.state()])),
      best: this.best,
      final: this.final,
      lastEvalStep: this.lastEvalStep,
      records: this.records,
      callbacks: this.components.callbacks.map((cb) => (isStatefulCallback(cb) ? cb.getState() : null)),
      ...(this.finished ? { finished: this.finished } : {}),
      backend: this.settings.backend,
    };
  }

  /** Writes `checkpoints/latest` atomically (no-op without a run directory). */
  async checkpoint(): Promise<void> {
    const paths = this.settings.paths;
    if (!paths) return;
    const { model, optimizer } = this.components;
    await this.settings.beforeRead?.();
    const optState = await captureOptimizerState(optimizer, this.trainable);
    try {
      const variables = model.variables().map((v) => ({ name: v.name, tensor: v.variable as tf.Tensor }));
      await saveCheckpoint(paths.latestCheckpoint, this.state(), variables, optState, this.configHash);
    } finally {
      releaseCapturedState(optState);
    }
    await this.each((cb) => cb.onCheckpoint?.(this.context, paths.latestCheckpoint));
  }
}

/** `result.json`'s record of the float64 accelerator in use, if any. */
function linalgRecord(): { linalg?: string } {
  const accelerator = float64Accelerator();
  return accelerator ? { linalg: accelerator.name } : {};
}
