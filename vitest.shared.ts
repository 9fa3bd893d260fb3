/**
 * Shared vitest preset: workspace packages resolve to their TypeScript
 * sources (no build needed to test), reflect-metadata is loaded once, and
 * tests run in forked processes so tfjs' process-global engine never leaks
 * between files.
 */
import { fileURLToPath } from 'node:url';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * `@rankbias/<dir>` (exact) and `@rankbias/core/testing` resolve to sources.
 * Exact-match patterns, so a subpath never resolves into another package's
 * index file.
 */
function workspaceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
  const testing = join(root, 'packages', 'core', 'src', 'testing', 'index.ts');
  if (existsSync(testing)) aliases.push({ find: /^@rankbias\/core\/testing$/, replacement: testing });
  for (const dir of readdirSync(join(root, 'packages'))) {
    const src = join(root, 'packages', dir, 'src', 'index.ts');
    if (existsSync(src)) aliases.push({ find: new RegExp(`^@rankbias/${dir}$`), replacement: src });
  }
  return aliases;
}

export function packageConfig(options: { testTimeout?: number } = {}) {
  return defineConfig({
    resolve: { alias: workspaceAliases() },
    test: {
      setupFiles: [join(root, 'vitest.setup.ts')],
      pool: 'forks',
      testTimeout: options.testTimeout ?? 60_000,
      hookTimeout: 120_000,
      include: ['test/**/*.test.ts'],
      watch: false,
    },
  });
}
