import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real redis-server on loopback, in its own temp directory. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` (with credentials when the server requires them). */
  readonly url: string;
  readonly dir: string;
  /** With `tls`: the CA certificate clients must trust (NODE_EXTRA_CA_CERTS). */
  readonly caFile?: string;
  /** Stops the server (SIGTERM: it saves its RDB snapshot, Redis' default persistence) and starts it again. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** ACL user and password the server requires (the default user is disabled). */
  readonly user?: { name: string; password: string };
  /** Serve TLS only (`rediss://`), with a fresh test CA and a certificate for 127.0.0.1 (see `caFile`). */
  readonly tls?: boolean;
}

/** A throwaway CA and a server certificate for 127.0.0.1 signed by it, made with Debian's openssl. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const openssl = (...args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.error || r.status !== 0)
      throw new Error(`openssl ${args[0]} failed (apt-get install -y openssl): ${r.error?.message ?? r.stderr}`);
  };
  const subject = (cn: string) => ['-subj', `/CN=${cn}`];
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '1',
    ...subject('rankbias test CA'),
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    ...subject('127.0.0.1'),
  );
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '1',
    '-extfile',
    'san.cnf',
  );
  return { ca: join(dir, 'ca.crt'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function redisBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!found)
    throw new Error(
      'redis-server is not installed: the queue tests need the real server (apt-get install -y redis-server)',
    );
  return found;
}

function launch(
  bin: string,
  port: number,
  dir: string,
  options: RedisServerOptions,
  tls?: { ca: string; cert: string; key: string },
): Promise<ChildProcess> {
  const ports = tls
    ? [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--tls-cert-file',
        tls.cert,
        '--tls-key-file',
        tls.key,
        '--tls-ca-cert-file',
        tls.ca,
        '--tls-auth-clients',
        'no',
      ]
    : ['--port', String(port)];
  const args = [
    ...ports,
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--save',
    '3600 1 300 100 60 10000',
    '--appendonly',
    'no',
    '--logfile',
    '',
  ];
  if (options.user)
    args.push(
      '--user',
      `${options.user.name}`,
      'on',
      `>${options.user.password}`,
      '~*',
      '&*',
      '+@all',
      '--user',
      'default',
      'off',
    );
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)));
  });
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts redis-server on a free loopback port (stop it in afterAll). */
export async function startRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
  const bin = redisBinary();
  const dir = mkdtempSync(join(tmpdir(), 'rankbias-redis-'));
  const port = await freePort();
  const tls = options.tls ? makeCertificates(dir) : undefined;
  let child = await launch(bin, port, dir, options, tls);
  const auth = options.user
    ? `${encodeURIComponent(options.user.name)}:${encodeURIComponent(options.user.password)}@`
    : '';
  const stop = async () => {
    child.kill('SIGTERM');
    await ended(child);
  };
  return {
    port,
    url: `${tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${port}`,
    dir,
    ...(tls ? { caFile: tls.ca } : {}),
    restart: async (downMs = 1000) => {
      await stop();
      await new Promise((r) => setTimeout(r, downMs));
      child = await launch(bin, port, dir, options, tls);
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
