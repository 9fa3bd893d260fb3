import { basename, extname, join, resolve } from 'node:path';

/** `runs/<name>-<UTC timestamp>` under `cwd`; the name comes from the config or its file name. */
export function defaultRunDir(
  cwd: string,
  configFile: string,
  configName: string | undefined,
  now = new Date(),
): string {
  const name = (configName ?? basename(configFile, extname(configFile))).replace(/[^A-Za-z0-9._-]+/g, '-');
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return resolve(cwd, join('runs', `${name}-${stamp}`));
}
