import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { RunDirError } from './run-dir.js';
import { ensureDir } from '../io/ensure-dir.js';

/** Who holds a lock file: a process, identified by pid plus start time (pids are reused). */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  /** Start time of the process in clock ticks since boot (Linux), absent elsewhere. */
  readonly startTicks?: number;
  /** When the lock was taken (ISO time), for messages. */
  readonly since: string;
}

/** A lock held by this process; `release` removes the file (once). */
export interface HeldLock {
  readonly file: string;
  release(): void;
}

/** Start time of `pid` in clock ticks since boot, from /proc (undefined where there is no /proc). */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces; fields after its closing parenthesis are plain
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** True while the owner's process runs: same host, pid alive, and (where known) the same start time. */
export function isOwnerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process: cannot tell, assume alive
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const ticks = processStartTicks(owner.pid);
  return owner.startTicks === undefined || ticks === undefined || ticks === owner.startTicks;
}

/** The owner recorded in a lock file, or undefined when there is none (or it is torn: a crash mid-write). */
export function readLockOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** The current owner of `file` when it is a live process other than this one. */
export function liveLockOwner(file: string): LockOwner | undefined {
  const owner = readLockOwner(file);
  return owner && owner.pid !== process.pid && isOwnerAlive(owner) ? owner : undefined;
}

/**
 * Takes the lock file `file` for this process, or throws a `RunDirError`
 * naming `what` and the live owner. A lock left by a dead process (killed,
 * crashed) is stale and taken over.
 */
export function acquireProcessLock(file: string, what: string): HeldLock {
  ensureDir(dirname(file));
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startTicks: processStartTicks(process.pid),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = liveLockOwner(file);
      if (owner) {
        throw new RunDirError(
          `${what} is in use by process ${owner.pid} (since ${owner.since}); wait for it to finish or stop it, then run again`,
        );
      }
      rmSync(file, { force: true }); // stale: its process is gone
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(me));
    } finally {
      closeSync(fd);
    }
    let held = true;
    return {
      file,
      release: () => {
        if (held && readLockOwner(file)?.pid === process.pid) rmSync(file, { force: true });
        held = false;
      },
    };
  }
  throw new RunDirError(`${what}: cannot take ${file} (another process keeps taking it)`);
}
