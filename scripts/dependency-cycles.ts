/**
 * Fails when the workspace projects' package.json dependencies (all kinds:
 * dependencies, devDependencies, peer and optional) form a cycle.
 * `tsx scripts/dependency-cycles.ts` prints each cycle and exits 1.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Workspace project name → the workspace projects it depends on. */
export function workspaceGraph(): Map<string, string[]> {
  const globs = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  const manifests: Record<string, unknown>[] = [];
  for (const glob of globs) {
    const dirs = glob.endsWith('/*')
      ? readdirSync(join(root, glob.slice(0, -2))).map((d) => join(glob.slice(0, -2), d))
      : [glob];
    for (const dir of dirs) {
      const file = join(root, dir, 'package.json');
      if (existsSync(file)) manifests.push(JSON.parse(readFileSync(file, 'utf8')));
    }
  }
  const names = new Set(manifests.map((m) => m.name as string));
  const graph = new Map<string, string[]>();
  for (const m of manifests) {
    const deps = FIELDS.flatMap((f) => Object.keys((m[f] as Record<string, string>) ?? {})).filter((d) => names.has(d));
    graph.set(m.name as string, [...new Set(deps)].sort());
  }
  return graph;
}

/** Every elementary cycle found by depth-first search, each as a list of names ending where it starts. */
export function dependencyCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cycles = dependencyCycles(workspaceGraph());
  for (const c of cycles) console.error(`dependency cycle: ${c.join(' -> ')}`);
  process.exit(cycles.length ? 1 : 0);
}
