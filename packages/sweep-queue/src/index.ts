/**
 * @rankbias/sweep-queue: sweeps across machines on a Redis queue (BullMQ):
 * `rankbias worker`, `rankbias queue status|drain|retry-failed`, and the queue
 * sweep executor behind `rankbias compare --queue`.
 */
export { register, sweepQueuePlugins } from './register.js';
export { workerCommand } from './commands/worker.js';
export { queueCommand } from './commands/queue.js';
export { parseQueueUrl, queueUrlFrom, redactUrlText, QUEUE_ENV, type QueueConnection } from './connection.js';
export { QUEUE_NAME } from './names.js';
export { runJobSchema, type RunJob, type RunJobResult, type RunJobProgress } from './job.js';
export { runSweepOnQueue } from './coordinator/run-on-queue.js';
export type { QueueSweepOptions } from './coordinator/types.js';
export { lineReporter } from './coordinator/line-reporter.js';
export { queueSweepExecutor } from './executor.js';
export { queueStatus, drainQueue, retryFailed } from './coordinator/admin.js';
export { runWorker, type WorkerOptions } from './worker/run-worker.js';
export { TransferTooLargeError } from './transfer/bundle.js';
