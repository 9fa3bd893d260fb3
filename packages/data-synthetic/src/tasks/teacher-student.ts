import { dataRng, definePlugin, z, type Rng } from '@rankbias/core';
import { sampleCountsShape, type SampleCounts } from './common-options.js';
import { InMemoryDataset } from './in-memory-dataset.js';
import { linearScalarTeacher, lowRankLinearTeacher, neuronTeacher, teacherSplit, type Teacher } from './teachers.js';

export interface TeacherSplitOptions extends SampleCounts {
  /** Std of the fixed label noise ε in the training (and validation) targets. */
  readonly noiseStd: number;
  /** Add the same kind of noise to test targets (default: clean test targets, so test loss measures ‖f − f*‖²). */
  readonly testNoise: boolean;
}

function regressionDataset(
  name: string,
  teacher: Teacher,
  options: TeacherSplitOptions,
  rng: Rng,
  fallbackRng: Rng,
): InMemoryDataset {
  return new InMemoryDataset({
    name,
    task: 'regression',
    inputShape: [teacher.inputs],
    outputSize: teacher.outputs,
    splits: {
      train: teacherSplit(teacher, options.n, options.noiseStd, rng.fork('train')),
      validation: teacherSplit(teacher, options.nValidation, options.noiseStd, rng.fork('validation')),
      test: teacherSplit(teacher, options.nTest, options.testNoise ? options.noiseStd : 0, rng.fork('test')),
    },
    labelNoise: options.labelNoise,
    fallbackRng,
  });
}

const teacherNoiseShape = {
  noiseStd: z.number().nonnegative().describe('std of the label noise ε drawn once into the training targets'),
  testNoise: z.boolean().default(false).describe('add ε to test targets too (default: clean test targets)'),
};

export interface ReluTeacherOptions extends TeacherSplitOptions {
  readonly dim: number;
  readonly teacher: 'linear' | 'relu' | 'gelu';
  readonly teacherWidth: number;
  readonly teacherNorm: number;
}

/** The optimization-threshold data (docs/science.md#3-optimization-threshold): y = ⟨β*, x⟩ + ε, or a ReLU (or GELU) teacher network. */
export function reluTeacherTask(options: ReluTeacherOptions, rng: Rng, fallbackRng: Rng): InMemoryDataset {
  const t = rng.fork('teacher');
  const teacher =
    options.teacher === 'linear'
      ? linearScalarTeacher(t, options.dim, options.teacherNorm)
      : neuronTeacher(t, options.dim, options.teacherWidth, options.teacherNorm, options.teacher);
  return regressionDataset('relu-teacher', teacher, options, rng, fallbackRng);
}

export const reluTeacherPlugin = definePlugin({
  kind: 'dataset',
  name: 'relu-teacher',
  description:
    'Teacher–student regression for the optimization threshold (Boursier & Flammarion): x ~ N(0, I_d), y = ⟨β*, x⟩ + ε (teacher: linear) or Σ a_k φ(⟨w_k, x⟩) + ε with φ = relu or gelu',
  options: z.strictObject({
    ...sampleCountsShape,
    ...teacherNoiseShape,
    n: sampleCountsShape.n.default(100),
    dim: z.number().int().positive().default(5).describe('input dimension d'),
    teacher: z
      .enum(['linear', 'relu', 'gelu'])
      .default('linear')
      .describe('linear teacher ⟨β*, x⟩ (the paper), or a ReLU / GELU teacher network'),
    teacherWidth: z.number().int().positive().default(2).describe('neurons of the ReLU/GELU teacher'),
    teacherNorm: z.number().positive().default(1).describe('‖β*‖, or the scale of the teacher network output weights'),
    noiseStd: teacherNoiseShape.noiseStd.default(0.5),
  }),
  create(options, ctx) {
    return reluTeacherTask(options, dataRng(options, ctx), ctx.rng.fork('label-noise'));
  },
});

export interface LinearTeacherOptions extends TeacherSplitOptions {
  readonly inputDim: number;
  readonly outputDim: number;
  readonly singularValues: readonly number[];
}

/** Linear teacher–student (docs/science.md#5-stochastic-collapse): y = B* x + ε, B* of the given singular values. */
export function linearTeacherTask(options: LinearTeacherOptions, rng: Rng, fallbackRng: Rng): InMemoryDataset {
  const teacher = lowRankLinearTeacher(
    rng.fork('teacher'),
    options.inputDim,
    options.outputDim,
    options.singularValues,
  );
  return regressionDataset('linear-teacher', teacher, options, rng, fallbackRng);
}

export const linearTeacherPlugin = definePlugin({
  kind: 'dataset',
  name: 'linear-teacher',
  description:
    'Linear teacher–student regression y = B* x + ε, B* = U diag(s) Vᵀ with chosen singular values; labelNoise adds fresh N(0, σ²) to targets each step (label-noise SGD, Chen et al.)',
  options: z
    .strictObject({
      ...sampleCountsShape,
      ...teacherNoiseShape,
      n: sampleCountsShape.n.default(50),
      inputDim: z.number().int().positive().default(20),
      outputDim: z.number().int().positive().default(10),
      singularValues: z
        .array(z.number().nonnegative())
        .min(1)
        .default([4, 2, 1, 0.5, 0.25])
        .describe('singular values of B*, largest first; their count is its rank'),
      noiseStd: teacherNoiseShape.noiseStd.default(0.5),
    })
    .refine((o) => o.singularValues.length <= Math.min(o.inputDim, o.outputDim), {
      message: 'more singular values than min(inputDim, outputDim)',
      path: ['singularValues'],
    }),
  create(options, ctx) {
    return linearTeacherTask(options, dataRng(options, ctx), ctx.rng.fork('label-noise'));
  },
});
