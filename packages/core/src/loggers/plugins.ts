import { join } from 'node:path';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';
import type { AnyPluginFactory } from '../registry/registry.js';
import { ConsoleProgressLogger } from './console-logger.js';
import { JsonlLogger } from './jsonl-logger.js';

/** `jsonl`: metrics.jsonl in the run directory. */
export const jsonlLoggerPlugin = definePlugin({
  kind: 'logger',
  name: 'jsonl',
  description: 'Appends every train/eval record as one JSON line to <run dir>/metrics.jsonl',
  options: z.strictObject({
    /** File name inside the run directory. */
    file: z.string().min(1).default('metrics.jsonl'),
  }),
  create(options, ctx) {
    if (!ctx.runDir) {
      throw new Error(
        'logger jsonl writes into the run directory, and this run has none: pass --out DIR (or outDir), or drop the jsonl logger',
      );
    }
    return new JsonlLogger(join(ctx.runDir, options.file));
  },
});

/** `console`: progress bar (TTY) or plain lines. */
export const consoleLoggerPlugin = definePlugin({
  kind: 'logger',
  name: 'console',
  description:
    'Console progress: a bar with step, loss terms, last evaluation and ETA on a TTY; a plain line every N steps otherwise',
  options: z.strictObject({
    /** Without a TTY, print a line every N steps. */
    every: z.number().int().positive().default(100),
  }),
  create(options) {
    return new ConsoleProgressLogger({ every: options.every });
  },
});

/** Core's logger plugins: `jsonl` and `console`. */
export const builtinLoggerPlugins: readonly AnyPluginFactory[] = [jsonlLoggerPlugin, consoleLoggerPlugin];
