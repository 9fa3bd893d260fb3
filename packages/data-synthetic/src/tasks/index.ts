export { syntheticTaskPlugins } from './plugins.js';
export {
  orthogonalClustersPlugin,
  orthogonalClusters,
  clusterSplit,
  type OrthogonalClustersOptions,
} from './orthogonal-clusters.js';
export {
  reluTeacherPlugin,
  linearTeacherPlugin,
  reluTeacherTask,
  linearTeacherTask,
  type ReluTeacherOptions,
  type LinearTeacherOptions,
  type TeacherSplitOptions,
} from './teacher-student.js';
export {
  gelu,
  linearScalarTeacher,
  neuronTeacher,
  lowRankLinearTeacher,
  teacherSplit,
  type Teacher,
} from './teachers.js';
export { InMemoryDataset, type InMemorySpec, type SplitArrays } from './in-memory-dataset.js';
/** @deprecated Import `applyLabelNoise` from @rankbias/core; removed in the next minor. */
export { applyLabelNoise } from '@rankbias/core';
export { randomOrthonormal } from './orthonormal.js';
export { normalArray, randomDirection } from './gaussian.js';
export type { SampleCounts } from './common-options.js';
/** @deprecated Import `dataRng` from @rankbias/core; removed in the next minor. */
export { dataRng } from '@rankbias/core';
