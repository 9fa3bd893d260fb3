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
