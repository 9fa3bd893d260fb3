import { describe, expect, it } from 'vitest';
import { parseQueueUrl, queueUrlFrom, redactUrlText, scrubSecret } from '../src/connection.js';

describe('queue URLs', () => {
  it('reads user, password, host, port and database, and prints them without the password', () => {
    const c = parseQueueUrl('redis://alice:s%40cret@10.0.0.5:6380/3');
    expect(c.options).toMatchObject({
      host: '10.0.0.5',
      port: 6380,
      db: 3,
      username: 'alice',
      password: 's@cret',
      maxRetriesPerRequest: null,
    });
    expect(c.options.tls).toBeUndefined();
    expect(c.display).toBe('redis://alice:***@10.0.0.5:6380/3');
    expect(c.secret).toBe('s@cret');
  });

  it('turns on TLS for rediss:// and defaults the port and database', () => {
    const c = parseQueueUrl('rediss://:pw@redis.example.org');
    expect(c.options).toMatchObject({
      host: 'redis.example.org',
      port: 6379,
      db: 0,
      password: 'pw',
      tls: { servername: 'redis.example.org' },
    });
    expect(c.options.username).toBeUndefined();
    expect(c.display).toBe('rediss://:***@redis.example.org/0');
  });

  it('rejects other schemes and bad databases with a usage error that hides the password', () => {
    expect(() => parseQueueUrl('http://u:topsecret@h:1')).toThrow(
      /unsupported scheme "http:"; use redis:\/\/ or rediss:\/\//,
    );
    expect(() => parseQueueUrl('redis://h:1/x')).toThrow(/database "x" is not a number/);
    let message = '';
    try {
      parseQueueUrl('redis://u:topsecret@ bad host');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/is not a URL/);
    expect(message).not.toContain('topsecret');
  });

  it('takes RANKBIAS_QUEUE when --queue is absent, and says how to give one otherwise', () => {
    expect(queueUrlFrom(undefined, { RANKBIAS_QUEUE: 'redis://h:1' })).toBe('redis://h:1');
    expect(queueUrlFrom('redis://a:2', { RANKBIAS_QUEUE: 'redis://h:1' })).toBe('redis://a:2');
    expect(() => queueUrlFrom(undefined, {})).toThrow(/pass --queue redis:\/\/host:port or set RANKBIAS_QUEUE/);
  });

  it('scrubs the password from any message, in URLs or on its own', () => {
    expect(redactUrlText('cannot reach redis://bob:hunter2@h:1/0 now')).toBe('cannot reach redis://bob:***@h:1/0 now');
    const c = parseQueueUrl('redis://bob:hunter2@h:1');
    expect(scrubSecret('WRONGPASS hunter2 rejected', c)).toBe('WRONGPASS *** rejected');
  });
});
