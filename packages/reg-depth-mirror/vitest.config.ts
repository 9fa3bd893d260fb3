import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import { packageConfig } from '../../vitest.shared.ts';

// The shared preset aliases `@rankbias/core` to its sources; the subpath
// `@rankbias/core/testing` needs its own alias, and it must come first: given
// an array, mergeConfig puts the override's aliases before the preset's.
export default mergeConfig(packageConfig(), {
  resolve: {
    alias: [
      {
        find: '@rankbias/core/testing',
        replacement: fileURLToPath(new URL('../core/src/testing/index.ts', import.meta.url)),
      },
    ],
  },
});
