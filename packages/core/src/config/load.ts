import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ConfigError } from './errors.js';

/** Reads a YAML or JSON config file into plain data; errors name the file and the line. */
export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      [{ path: '', message: code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${(e as Error).message}` }],
      file,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    throw new ConfigError([{ path: '', message: `not valid YAML/JSON${where}: ${(e as Error).message.split('\n')[0]}` }], file);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError([{ path: '', message: 'expected a mapping of keys (seed, data, model, optimizer, train, ...)' }], file);
  }
  return data as Record<string, unknown>;
}
