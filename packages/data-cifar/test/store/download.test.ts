import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.js';
import { downloadVerified, DownloadError } from '../../src/store/download.js';

const payload = Buffer.from('pretend this is cifar-10-binary.tar.gz');
const md5 = createHash('md5').update(payload).digest('hex');
const serve = (body: Buffer, status = 200): typeof fetch =>
  (async () => new Response(new Uint8Array(body), { status })) as typeof fetch;

describe('downloadVerified', () => {
  it('writes the file when its md5 matches', async () => {
    const target = join(tempDir(), 'sub', 'a.tar.gz');
    await downloadVerified({
      url: 'https://x/a.tar.gz',
      target,
      md5,
      manualStep: 'do it by hand',
      fetchImpl: serve(payload),
    });
    expect(readFileSync(target)).toEqual(payload);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('discards a file with the wrong md5', async () => {
    const target = join(tempDir(), 'a.tar.gz');
    const bad = Buffer.from('tampered');
    await expect(
      downloadVerified({ url: 'https://x/a.tar.gz', target, md5, manualStep: 'do it by hand', fetchImpl: serve(bad) }),
    ).rejects.toThrow(
      new RegExp(
        `md5 ${createHash('md5').update(bad).digest('hex')}, expected ${md5}; the file was discarded\\. do it by hand`,
      ),
    );
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('says the network is unreachable and gives the manual step', async () => {
    const offline = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND www.cs.toronto.edu') });
    }) as typeof fetch;
    const err = await downloadVerified({
      url: 'https://x/a',
      target: join(tempDir(), 'a'),
      md5,
      manualStep: 'do it by hand',
      fetchImpl: offline,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect(err.message).toMatch(
      /cannot download https:\/\/x\/a \(getaddrinfo ENOTFOUND www\.cs\.toronto\.edu\); the network looks unreachable\. do it by hand/,
    );
    await expect(
      downloadVerified({
        url: 'https://x/a',
        target: join(tempDir(), 'a'),
        md5,
        manualStep: 'm',
        fetchImpl: serve(payload, 404),
      }),
    ).rejects.toThrow(/HTTP 404/);
  });
});

describe('download progress', () => {
  /** A response streaming `chunks` with a Content-Length (or without one). */
  const streaming = (chunks: Buffer[], withLength = true): typeof fetch =>
    (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const c of chunks) controller.enqueue(new Uint8Array(c));
            controller.close();
          },
        }),
        {
          status: 200,
          headers: withLength ? { 'content-length': String(chunks.reduce((n, c) => n + c.length, 0)) } : {},
        },
      )) as typeof fetch;

  it('logs bytes, percent and ETA at most once per interval, then the total', async () => {
    const chunks = Array.from({ length: 4 }, (_, i) => Buffer.alloc(512 * 1024, i));
    const whole = Buffer.concat(chunks);
    let clock = 0;
    const lines: string[] = [];
    const { byteProgress } = await import('../../src/store/byte-progress.js');
    const progress = byteProgress('cifar10', (l) => lines.push(l), { everyMs: 1000, now: () => clock });
    // Drive the reporter as downloadVerified does, one chunk per 600 ms.
    let received = 0;
    for (const c of chunks) {
      clock += 600;
      received += c.length;
      progress.onBytes(received, whole.length);
    }
    progress.done(received);
    expect(lines).toEqual([
      'cifar10: 1.0 MiB of 2.0 MiB (50%) ETA 1s',
      'cifar10: 2.0 MiB of 2.0 MiB (100%) ETA 0s',
      'cifar10: downloaded 2.0 MiB in 2s',
    ]);
  });

  it('downloadVerified reports through log, with and without a Content-Length', async () => {
    const chunks = [Buffer.from('abc'), Buffer.from('defg')];
    const sum = createHash('md5').update(Buffer.concat(chunks)).digest('hex');
    for (const withLength of [true, false]) {
      const lines: string[] = [];
      await downloadVerified({
        url: 'https://x/files/b.tar.gz',
        target: join(tempDir(), 'b.tar.gz'),
        md5: sum,
        manualStep: 'by hand',
        fetchImpl: streaming(chunks, withLength),
        log: (l) => lines.push(l),
      });
      expect(lines.at(-1)).toMatch(/^b\.tar\.gz: downloaded 7 B in \d+s$/);
    }
  });
});
