/** The package every sweep-queue plugin names as its provider. */
export const SWEEP_QUEUE_PACKAGE = '@rankbias/sweep-queue';

/** `--queue <url>` help text, shared by every command that talks to the queue. */
export const QUEUE_OPTION_HELP =
  'Redis URL: redis://[user:password@]host:port[/db] or rediss://… (default: $RANKBIAS_QUEUE)';
