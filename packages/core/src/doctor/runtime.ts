import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DoctorCheck } from '../contracts/doctor.js';

const execFileAsync = promisify(execFile);

/** npm's version: from the user agent npm/npx set, else by asking `npm --version`. */
async function npmVersion(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const fromAgent = /\bnpm\/(\S+)/.exec(env.npm_config_user_agent ?? '')?.[1];
  if (fromAgent) return fromAgent;
  try {
    const { stdout } = await execFileAsync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['--version'], {
      timeout: 10_000,
      env,
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Node and npm versions (Node 20.19 or newer is supported). */
export async function runtimeChecks(env: NodeJS.ProcessEnv): Promise<DoctorCheck[]> {
  const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
  const nodeOk = major > 20 || (major === 20 && minor >= 19);
  const npm = await npmVersion(env);
  return [
    {
      topic: 'runtime',
      name: 'node',
      ok: nodeOk,
      detail: `${process.version}${nodeOk ? '' : ' (rankbias needs Node 20.19 or newer)'}`,
      ...(nodeOk ? {} : { fix: 'install Node 20.19+ (https://nodejs.org)' }),
    },
    npm
      ? { topic: 'runtime', name: 'npm', ok: true, detail: npm }
      : {
          topic: 'runtime',
          name: 'npm',
          ok: false,
          detail: 'npm was not found on PATH',
          fix: 'install npm (it ships with Node)',
        },
  ];
}
