import type { DoctorCheck, DoctorContext } from '../contracts/doctor.js';
import { defaultImporter, type ModuleImporter } from '../backend/native.js';
import type { PluginRegistry } from '../registry/registry.js';
import { backendChecks, wasmKernelChecks } from './backends.js';
import { linalgCheck } from './linalg.js';
import { redisCheck } from './redis-ping.js';
import { runtimeChecks } from './runtime.js';

export interface DoctorOptions extends DoctorContext {
  /** Redis URL of the sweep queue; checked only when given. */
  readonly queue?: string;
  /** Module loader for the native backends (tests stand in for them). */
  readonly importer?: ModuleImporter;
}

/** The checks every installed plugin contributes through its factory's `doctor()`, in registry order. */
async function pluginChecks(registry: PluginRegistry, ctx: DoctorContext): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  for (const factory of registry.list()) {
    if (!factory.doctor) continue;
    try {
      out.push(...(await factory.doctor(ctx)));
    } catch (e) {
      out.push({
        topic: 'plugins',
        name: `${factory.kind} ${factory.name}`,
        ok: false,
        detail: `its doctor check failed: ${(e as Error).message}`,
      });
    }
  }
  return out;
}

/**
 * Everything `rankbias doctor` reports: Node/npm, the tfjs backends (and why
 * each missing one is missing), the wasm training kernels, the LAPACK route
 * of the float64 linear algebra, the checks of the
 * installed plugins (datasets, tools) and, when a queue URL is given, Redis.
 */
export async function runDoctor(registry: PluginRegistry, options: DoctorOptions): Promise<DoctorCheck[]> {
  const ctx: DoctorContext = { env: options.env, cwd: options.cwd };
  return [
    ...(await runtimeChecks(options.env)),
    ...(await backendChecks(options.importer ?? defaultImporter)),
    ...(await wasmKernelChecks()),
    await linalgCheck(options.importer ?? defaultImporter),
    ...(await pluginChecks(registry, ctx)),
    ...(options.queue ? [await redisCheck(options.queue)] : []),
  ];
}

/** One screen: a heading per topic, one line per check, the fix under each missing one. */
export function formatDoctor(checks: readonly DoctorCheck[]): string[] {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines: string[] = [];
  const topics = [...new Set(checks.map((c) => c.topic))];
  for (const topic of topics) {
    lines.push(topic);
    for (const c of checks.filter((x) => x.topic === topic)) {
      lines.push(`  ${c.ok ? 'ok  ' : 'no  '}${c.name.padEnd(width)}  ${c.detail}`);
      if (!c.ok && c.looked?.length) lines.push(`  ${' '.repeat(width + 6)}looked in ${c.looked.join(', ')}`);
      if (!c.ok && c.fix) lines.push(`  ${' '.repeat(width + 6)}-> ${c.fix}`);
    }
  }
  const missing = checks.filter((c) => !c.ok).length;
  lines.push(
    missing
      ? `${missing} optional part${missing === 1 ? '' : 's'} missing; rankbias works without them.`
      : 'everything found.',
  );
  return lines;
}
