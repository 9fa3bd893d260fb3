import { ConfigError } from './errors.js';
import { parseKeyPath, setConfigPath } from './key-path.js';
import { toConfigData } from './safe-data.js';
import { parseYamlData } from './yaml-text.js';

export { parseKeyPath, setConfigPath } from './key-path.js';

/** An override's value: YAML scalars and flow collections, else the text itself; tags are refused. */
function overrideValue(raw: string, key: string): unknown {
  if (raw === '') return '';
  const parsed = parseYamlData(raw, key);
  if (parsed.ok) return parsed.value;
  if (parsed.tag) throw new ConfigError([{ path: key, message: parsed.message }]);
  return raw;
}

/**
 * Applies `key=value` overrides to a copy of `config` (null-prototype
 * mappings) through the safe key-path setter. Values are parsed as YAML
 * scalars/flow collections, so `3`, `true`, `[1, 2]` and `{a: 1}` work.
 */
export function applyOverrides(config: Record<string, unknown>, overrides: readonly string[]): Record<string, unknown> {
  const out = toConfigData(config) as Record<string, unknown>;
  for (const item of overrides) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new ConfigError([{ path: item, message: 'an override must look like key=value (e.g. train.steps=500)' }]);
    }
    const key = item.slice(0, eq);
    parseKeyPath(key); // the key is refused before its value is parsed
    setConfigPath(out, key, overrideValue(item.slice(eq + 1), key));
  }
  return out;
}
