import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `root`, as sorted relative paths. */
export function treeOf(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel))) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk('');
  return out.sort();
}

/** Files under `root` whose bytes contain `text`. */
export function filesContaining(root: string, text: string): string[] {
  return treeOf(root).filter((f) => readFileSync(join(root, f)).includes(text));
}
