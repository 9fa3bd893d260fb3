import { z } from 'zod';

/** A reference to a plugin: `use` names it, the other keys are its options. */
export const pluginRefSchema = z.looseObject({
  use: z.string({ error: 'expected the plugin name as a string in "use"' }).min(1),
});
export type PluginRef = z.infer<typeof pluginRefSchema>;

export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/** Where the float64 linear algebra runs: `auto` (LAPACK when it loads, else JS), `js`, or `lapack` (required). */
export const LINALG_CHOICES = ['auto', 'js', 'lapack'] as const;
export type LinalgChoice = (typeof LINALG_CHOICES)[number];

export const trainOptionsSchema = z.strictObject({
  /** Optimisation steps in total. */
  steps: z.number().int().positive(),
  /** Examples per step, or `full` for full-batch gradient descent. */
  batchSize: z.union([z.number().int().positive(), z.literal('full')]).default(64),
  /** Evaluate metrics every N steps (and at the end); 0 = only at the end. */
  evalEvery: z.number().int().nonnegative().default(0),
  /** Write a checkpoint every N steps (and at the end); 0 = only at the end. */
  checkpointEvery: z.number().int().nonnegative().default(0),
  /** Log training loss every N steps. */
  logEvery: z.number().int().positive().default(10),
  /** Maximum examples used per split when evaluating (all when omitted). */
  evalExamples: z.number().int().positive().optional(),
  /** Splits evaluated at each evaluation. */
  evalSplits: z.array(z.enum(['train', 'validation', 'test'])).default(['train', 'test']),
  /** Batch size used for evaluation passes. */
  evalBatchSize: z.number().int().positive().default(1024),
  /**
   * Save the trained model to `model/` (default true). Optional with no default so
   * that configs (and sweep run hashes) written before it existed stay equal.
   */
  saveModel: z.boolean().optional(),
});
export type TrainOptions = z.output<typeof trainOptionsSchema>;

/** The whole experiment config, before plugin options are validated. */
export const experimentConfigSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  seed: z.number().int().nonnegative().default(0),
  backend: z.enum(BACKENDS).default('auto'),
  /**
   * Where the float64 linear algebra of spectral penalties and metrics, and the wasm backend's float32
   * matrix products, run (default auto: the system's LAPACK/BLAS through @rankbias/linalg-lapack when
   * installed, else JS and XNNPACK). Optional with no default so that configs (and sweep run hashes)
   * written before it existed stay equal.
   */
  linalg: z
    .enum(LINALG_CHOICES)
    .optional()
    .describe(
      'float64 linear algebra of spectral penalties/metrics and wasm matrix products: auto (LAPACK/BLAS via @rankbias/linalg-lapack when it loads, else JS and XNNPACK), js, lapack (required)',
    ),
  /** Extra plugin packages to load by package name (installed ones are discovered anyway). */
  plugins: z.array(z.string()).default([]),
  data: pluginRefSchema,
  model: pluginRefSchema,
  overparam: pluginRefSchema.optional(),
  optimizer: pluginRefSchema,
  penalties: z.array(pluginRefSchema).default([]),
  metrics: z.array(pluginRefSchema).default([]),
  callbacks: z.array(pluginRefSchema).default([]),
  loggers: z.array(pluginRefSchema).optional(),
  train: trainOptionsSchema,
});
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;
export type ExperimentConfig = z.output<typeof experimentConfigSchema>;
