import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/** Another Aftercare process writes to this database: a second writer is refused, not queued. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly file: string,
    readonly pid: number,
  ) {
    super(`The branch database ${file} is already open in another Aftercare (process ${pid}). Close it first, or use that one.`);
    this.name = 'DatabaseInUseError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; it is still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per database: a lock file beside it, created exclusively and holding the owner's pid. A
 * lock left by a process that no longer runs (a crash) is taken over. Returns the release function.
 */
export function acquireWriterLock(databaseFile: string): () => void {
  const lockFile = `${databaseFile}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (owner && owner !== process.pid && isRunning(owner)) throw new DatabaseInUseError(databaseFile, owner);
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}
