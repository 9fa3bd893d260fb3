/** What every fetch needs besides the dataset and its source. */
export interface FetchOptions {
  /** The data directory the loaders search (`$RANKBIAS_DATA_DIR` or `~/.cache/rankbias` by default). */
  readonly dataDir: string;
  /** Progress lines. */
  readonly log: (line: string) => void;
  /** Injected for tests; defaults to the global `fetch`. */
  readonly fetchImpl?: typeof fetch;
}
