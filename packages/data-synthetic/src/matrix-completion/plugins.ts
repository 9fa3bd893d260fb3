import type { AnyPluginFactory } from '@rankbias/core';

export const matrixCompletionPlugins: AnyPluginFactory[] = [];
