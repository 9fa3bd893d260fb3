import { connect } from 'node:net';
import type { DoctorCheck } from '../contracts/doctor.js';

/** RESP encoding of a command (an array of bulk strings). */
function resp(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
}

/**
 * Sends PING (after AUTH when the URL has a password) to the Redis at `url`
 * over plain TCP and resolves with the reply line, e.g. `+PONG`; rejects on a
 * connection error or after `timeoutMs`.
 */
export function pingRedis(url: string, timeoutMs = 1500): Promise<string> {
  const u = new URL(url);
  if (u.protocol !== 'redis:') return Promise.reject(new Error(`expected a redis://host:port URL, got "${url}"`));
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  const user = u.username ? decodeURIComponent(u.username) : undefined;
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(u.port || 6379) });
    let buffer = '';
    const done = (error?: Error, reply?: string) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(reply!);
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('error', (e) => done(e));
    socket.on('connect', () => {
      if (password) socket.write(user ? resp('AUTH', user, password) : resp('AUTH', password));
      socket.write(resp('PING'));
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\r\n').filter(Boolean);
      const error = lines.find((l) => l.startsWith('-'));
      if (error) done(new Error(error.slice(1)));
      else if (lines.includes('+PONG')) done(undefined, '+PONG');
    });
  });
}

/** Whether the queue's Redis answers (for `--queue` / `RANKBIAS_QUEUE`). */
export async function redisCheck(url: string, timeoutMs?: number): Promise<DoctorCheck> {
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  try {
    await pingRedis(url, timeoutMs);
    return { topic: 'services', name: 'redis', ok: true, detail: `${shown} answers PING` };
  } catch (e) {
    return {
      topic: 'services',
      name: 'redis',
      ok: false,
      detail: `${shown} does not answer PING (${(e as Error).message})`,
      fix: 'start one: redis-server --port 6379 (Debian: apt-get install redis-server)',
    };
  }
}
