/**
 * A lock file for the embedded data directory. PGlite takes no lock of its
 * own, and two processes on one directory silently lose data, so the second
 * opener is refused with a message naming the holder.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { StoreError } from './errors.ts';

export interface Lock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock at `path` (exclusive create); takes over a lock whose process is gone. */
export function acquireLock(path: string): Lock {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError(
          'store_unreachable',
          `cannot create the lock file ${path}: ${(e as Error).message}`,
        );
      }
      let holder = NaN;
      try {
        holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      } catch {
        /* vanished between open and read: try again */
        continue;
      }
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new StoreError(
          'store_locked',
          `the data directory is in use by another Valueweb process (pid ${holder}); stop it first, or use a PostgreSQL server (DATABASE_URL) to run several instances`,
          { lockFile: path, pid: holder },
        );
      }
      if (holder === process.pid) {
        throw new StoreError('store_locked', `the data directory is already open in this process (${path})`, {
          lockFile: path,
        });
      }
      // Stale lock from a process that is gone (crash, SIGKILL): take it over.
      try {
        unlinkSync(path);
      } catch {
        /* someone else took it over first */
      }
    }
  }
  throw new StoreError('store_locked', `could not take the lock ${path}`);
}
