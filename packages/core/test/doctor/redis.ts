import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { pingRedis } from '../../src/doctor/redis-ping.js';

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Debian's redis-server on loopback, without persistence; resolves once it answers PING. */
export async function startRedis(
  extraArgs: string[] = [],
): Promise<{ url: string; port: number; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const reply = await pingRedis(url, 500).catch((e: Error) => e.message);
    if (reply === '+PONG' || /NOAUTH|AUTH/.test(reply)) return { url, port, process: child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('redis-server did not start (Debian: apt-get install redis-server)');
}
