import { isIP } from 'node:net';
import type { RedisOptions } from 'bullmq';
import { CliUsageError } from '@rankbias/core';

/** The environment variable that gives the queue URL when `--queue` is not passed. */
export const QUEUE_ENV = 'RANKBIAS_QUEUE';

/** A parsed queue URL: ioredis options and a form safe to print (no password). */
export interface QueueConnection {
  readonly options: RedisOptions;
  /** `redis://user:***@host:port/db`: what logs and errors show. */
  readonly display: string;
  /** The password, kept only to scrub it from messages that might echo it. */
  readonly secret?: string;
}

/**
 * Parses `redis://[user[:pass]@]host[:port][/db]` or `rediss://…` (TLS, system CAs
 * plus NODE_EXTRA_CA_CERTS). Options suit BullMQ's blocking workers: commands wait
 * across reconnects instead of failing.
 */
export function parseQueueUrl(raw: string): QueueConnection {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliUsageError(
      `--queue: "${redactUrlText(raw)}" is not a URL; expected redis://[user:password@]host:port[/db] or rediss://…`,
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new CliUsageError(`--queue: unsupported scheme "${url.protocol}"; use redis:// or rediss:// (TLS)`);
  }
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0)
    throw new CliUsageError(`--queue: database "${dbText}" is not a number (redis://host:port/0)`);
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const options: RedisOptions = {
    host,
    port: url.port ? Number(url.port) : 6379,
    db,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    // SNI takes host names only (RFC 6066); an IP address is checked against the certificate's IP SANs.
    ...(url.protocol === 'rediss:' ? { tls: isIP(host) ? {} : { servername: host } } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(200 * times, 2000),
  };
  const auth = username || password ? `${username}${password ? ':***' : ''}@` : '';
  const display = `${url.protocol}//${auth}${url.host}/${db}`;
  return { options, display, ...(password ? { secret: password } : {}) };
}

/** The queue URL from `--queue` or RANKBIAS_QUEUE; a usage error naming both when neither is set. */
export function queueUrlFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = option ?? env[QUEUE_ENV];
  if (!url) throw new CliUsageError(`no queue given: pass --queue redis://host:port or set ${QUEUE_ENV}`);
  return url;
}

/** Replaces the password part of anything that looks like a redis URL in `text`. */
export function redactUrlText(text: string): string {
  return text.replace(/(rediss?:\/\/[^:@/\s]*:)[^@\s]*@/g, '$1***@');
}

/** A message with the connection's password (and any URL password) replaced by ***. */
export function scrubSecret(message: string, connection: Pick<QueueConnection, 'secret'>): string {
  const text = redactUrlText(message);
  return connection.secret ? text.split(connection.secret).join('***') : text;
}
