/**
 * Values of every `--plugin <path>` / `--plugin=<path>` in `args` (the
 * arguments after the program name). Read before commander parses, because
 * plugins loaded from them may add subcommands.
 */
export function pluginPathsFromArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === '--plugin' && i + 1 < args.length) out.push(args[++i]!);
    else if (a.startsWith('--plugin=')) out.push(a.slice('--plugin='.length));
  }
  return out;
}

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
