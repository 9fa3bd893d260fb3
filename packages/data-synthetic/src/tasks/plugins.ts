import type { AnyPluginFactory } from '@rankbias/core';

export const syntheticTaskPlugins: AnyPluginFactory[] = [];
