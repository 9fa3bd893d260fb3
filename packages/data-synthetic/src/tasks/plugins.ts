import type { AnyPluginFactory } from '@rankbias/core';
import { orthogonalClustersPlugin } from './orthogonal-clusters.js';
import { linearTeacherPlugin, reluTeacherPlugin } from './teacher-student.js';

/** The synthetic tasks of seeds 2, 3 and 5: `orthogonal-clusters`, `relu-teacher`, `linear-teacher`. */
export const syntheticTaskPlugins: AnyPluginFactory[] = [
  orthogonalClustersPlugin,
  reluTeacherPlugin,
  linearTeacherPlugin,
];
