import { describe, expect, it } from 'vitest';
import { ConsoleProgressLogger, EtaClock, formatDuration, formatEta, formatNumber } from '../../src/trainer/index.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (s: string) => chunks.push(s), columns: 120 } as any, chunks };
}

describe('console progress logger', () => {
  it('without a TTY prints a plain line every N steps with the loss terms and an ETA, and eval lines', () => {
    const { stream, chunks } = capture(false);
    let now = 0;
    const logger = new ConsoleProgressLogger({ stream, every: 5, now: () => now });
    for (let step = 1; step <= 10; step++) {
      now = step * 1000;
      logger.progress(step, 20, { loss: 0.5 / step, 'loss/data': 0.4 / step });
    }
    logger.log({ step: 10, kind: 'eval', values: { 'test/accuracy': 0.75 }, time: 1 });
    logger.log({ step: 10, kind: 'train', values: { loss: 1 }, time: 1 });
    logger.close();
    expect(chunks).toEqual([
      'step 5/20 loss=0.1000 loss/data=0.08000 ETA 15s\n',
      'step 10/20 loss=0.05000 loss/data=0.04000 ETA 10s\n',
      'eval @10 test/accuracy=0.7500\n',
    ]);
  });

  it('on a TTY draws a cli-progress bar with step/total and the terms', () => {
    const { stream, chunks } = capture(true);
    Object.assign(stream, {
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
      on: () => stream,
      removeListener: () => stream,
    });
    const logger = new ConsoleProgressLogger({ stream, every: 5 });
    logger.progress(1, 4, { loss: 2 });
    logger.progress(4, 4, { loss: 1 });
    logger.close();
    const out = chunks.join('');
    expect(out).toContain('4/4');
    expect(out).toContain('loss=1');
  });

  it('formats numbers and durations compactly', () => {
    expect(formatNumber(0.000012345)).toBe('1.234e-5');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(65)).toBe('1m05s');
    expect(formatDuration(NaN)).toBe('?');
  });

  it('formats an ETA with two-digit seconds and minutes that never reach 60, and nothing while unknown', () => {
    expect(formatEta(185)).toBe('ETA 3m05s');
    expect(formatEta(179.6)).toBe('ETA 3m00s'); // rounds up into the next minute, not "2m60s"
    expect(formatEta(119.5)).toBe('ETA 2m00s');
    expect(formatEta(59.7)).toBe('ETA 1m00s');
    expect(formatEta(3599.5)).toBe('ETA 1h00m');
    expect(formatEta(7385)).toBe('ETA 2h03m');
    expect(formatEta(9.4)).toBe('ETA 9s');
    expect(formatEta(0)).toBe('ETA 0s');
    for (const unknown of [undefined, NaN, Infinity, -1]) expect(formatEta(unknown)).toBe('');
    // every whole second up to 3 h reads as XmYYs / XhYYm with YY < 60
    for (let s = 0; s < 3 * 3600; s += 0.5) expect(formatEta(s)).toMatch(/^ETA (\d{1,2}s|\d+m[0-5]\ds|\d+h[0-5]\dm)$/);
  });

  it('EtaClock extrapolates the rate since its first observation and is unknown before any progress', () => {
    let now = 10_000;
    const clock = new EtaClock(() => now);
    expect(clock.secondsLeft(40, 100)).toBeUndefined(); // resumed at step 40: no rate yet
    now += 5000;
    expect(clock.secondsLeft(40, 100)).toBeUndefined(); // no progress since
    now += 5000;
    expect(clock.secondsLeft(50, 100)).toBeCloseTo(50, 10); // 10 steps in 10 s, 50 left
    now += 10_000;
    expect(clock.secondsLeft(100, 100)).toBe(0);
  });

  it('shows no ETA until it is known, in plain lines and on the TTY bar', () => {
    const plain = capture(false);
    let now = 0;
    const logger = new ConsoleProgressLogger({ stream: plain.stream, every: 1, now: () => now });
    logger.progress(1, 3, { loss: 1 });
    now = 2000;
    logger.progress(2, 3, { loss: 1 });
    expect(plain.chunks).toEqual(['step 1/3 loss=1\n', 'step 2/3 loss=1 ETA 2s\n']);

    const tty = capture(true);
    Object.assign(tty.stream, {
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
      on: () => tty.stream,
      removeListener: () => tty.stream,
    });
    now = 0;
    const bar = new ConsoleProgressLogger({ stream: tty.stream, now: () => now });
    bar.progress(1, 200, { loss: 2 });
    now = 1000;
    bar.progress(2, 200, { loss: 2 });
    bar.close();
    const out = tty.chunks.join('');
    expect(out).toContain('ETA 3m18s');
    expect(out).not.toMatch(/ETA (\?|NaN|Inf|NF)|\d60s/);
  });
});
