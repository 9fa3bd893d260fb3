import type { Command } from 'commander';
import type { CliEnv } from '../../contracts/command.js';
import { formatDoctor, runDoctor } from '../../doctor/run-doctor.js';
import { PluginRegistry } from '../../registry/registry.js';

/** Where a sweep queue's Redis is when `--queue` names none. */
const DEFAULT_QUEUE = 'redis://127.0.0.1:6379';

/** `rankbias doctor [--json] [--queue [url]]`: always exits 0; missing optional parts are reported, not failed. */
export function registerDoctorCommand(program: Command, env: CliEnv, context: { cwd: string }): void {
  program
    .command('doctor')
    .description(
      'Show what this machine has for rankbias: backends, wasm kernels, datasets, tools, Node/npm (and Redis with --queue)',
    )
    .option('--json', 'print the checks as JSON (for scripts)')
    .option('--queue [url]', `also check the sweep queue's Redis (default $RANKBIAS_QUEUE or ${DEFAULT_QUEUE})`)
    .action(async (opts: { json?: boolean; queue?: string | boolean }) => {
      const fromEnv = process.env.RANKBIAS_QUEUE || undefined;
      const queue =
        typeof opts.queue === 'string' ? opts.queue : opts.queue || fromEnv ? (fromEnv ?? DEFAULT_QUEUE) : undefined;
      const checks = await runDoctor(new PluginRegistry(env.container), { env: process.env, cwd: context.cwd, queue });
      if (opts.json) env.out(JSON.stringify({ ok: checks.every((c) => c.ok), checks }, null, 2));
      else formatDoctor(checks).forEach((line) => env.out(line));
    });
}
