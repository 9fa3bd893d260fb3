import type { CliEnv } from '@rankbias/core';

/**
 * Sets the process exit code of a plugin command. Uses `env.setExitCode`
 * when the CLI offers one; otherwise sets it when the process exits (after
 * the CLI's own `process.exitCode` assignment).
 */
export function setCommandExitCode(env: CliEnv, code: number): void {
  const setter = (env as CliEnv & { setExitCode?: (code: number) => void }).setExitCode;
  if (typeof setter === 'function') {
    setter(code);
    return;
  }
  process.exitCode = code;
  if (code !== 0) {
    process.once('exit', () => {
      process.exitCode = code;
    });
  }
}
