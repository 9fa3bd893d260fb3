/** One line of `rankbias doctor`: something the machine has, or lacks and how to add it. */
export interface DoctorCheck {
  /** Group shown as a heading: `runtime`, `backends`, `kernels`, `datasets`, `tools`, `services`, ... */
  readonly topic: string;
  readonly name: string;
  /** True when it is there and usable. */
  readonly ok: boolean;
  /** What was found (version, path), or why it is missing. */
  readonly detail: string;
  /** Where it was looked for (folders, files, URLs). */
  readonly looked?: readonly string[];
  /** The one command that adds it, when missing. */
  readonly fix?: string;
}

/** What a plugin's `doctor()` may use to look around. */
export interface DoctorContext {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Optional member of a plugin factory: checks of what the plugin needs from the machine (datasets, tools). */
export type DoctorProbe = (ctx: DoctorContext) => readonly DoctorCheck[] | Promise<readonly DoctorCheck[]>;
