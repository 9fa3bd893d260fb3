export { syntheticTaskPlugins } from './plugins.js';
export { orthogonalClustersPlugin, orthogonalClusters, clusterSplit, type OrthogonalClustersOptions } from './orthogonal-clusters.js';
export {
  reluTeacherPlugin,
  linearTeacherPlugin,
  reluTeacherTask,
  linearTeacherTask,
  type ReluTeacherOptions,
  type LinearTeacherOptions,
  type TeacherSplitOptions,
} from './teacher-student.js';
export { gelu, linearScalarTeacher, neuronTeacher, lowRankLinearTeacher, teacherSplit, type Teacher } from './teachers.js';
export { InMemoryDataset, type InMemorySpec, type SplitArrays } from './in-memory-dataset.js';
export { applyLabelNoise } from './label-noise.js';
export { randomOrthonormal } from './orthonormal.js';
export { normalArray, randomDirection } from './gaussian.js';
export { dataRng, type SampleCounts } from './common-options.js';
