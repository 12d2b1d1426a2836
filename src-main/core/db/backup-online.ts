import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Sqlite } from './open';

let processBinding: string | undefined;

/**
 * The better-sqlite3 binary this process runs on, when it is not the default one (the Electron build
 * passes its own to openBranchApp). One per process, like the runtime that needs it; the backup code
 * opens its side connections with it, including the copy made before a migration.
 */
export function useNativeBinding(binding: string | undefined): void {
  processBinding = binding;
}

/** A plain connection to a backup, staging or live file (no app pragmas: WAL is not switched on). */
export function openPlain(file: string, options: { readonly?: boolean } = {}): Sqlite {
  return new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(processBinding ? { nativeBinding: processBinding } : {}),
  });
}

/** Raised when SQLite's backup API could not get its locks within `BUSY_TIMEOUT_MS`. */
export class BackupBusyError extends Error {
  constructor(readonly destination: string) {
    super(`The database stayed busy; the copy to ${destination} was not made.`);
    this.name = 'BackupBusyError';
  }
}

/**
 * Pages per step: ~1 MB, so a large copy lets the event loop (and the UI behind it) breathe in between.
 * At 4 MB a step held the browser-mode server (and would hold the desktop app's main process) for
 * 100-450 ms at a time on a busy disk.
 */
export const PAGES_PER_STEP = 256;
const BUSY_TIMEOUT_MS = 10_000;

/**
 * SQLite's online backup API from `source` into `destination`, made strict. better-sqlite3's own
 * `backup()` resolves as if it had finished when the very first step meets a lock (SQLITE_BUSY: it
 * reports 0 pages of 0), and spins without end when a later step does. Here the first case is retried
 * after a pause, the second is given up after `BUSY_TIMEOUT_MS`, and success means every page was copied.
 * A destination that did not exist is deleted by better-sqlite3 when the copy does not finish; an
 * existing one keeps its content, because the copy is one write transaction on it.
 */
export async function copyWithBackupApi(source: Sqlite, destination: string, options: { pagesPerStep?: number } = {}): Promise<{ pages: number }> {
  const pagesPerStep = options.pagesPerStep ?? PAGES_PER_STEP;
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    let lastRemaining = -1;
    let stuckSince = Date.now();
    const progress = await source.backup(destination, {
      progress: ({ remainingPages }) => {
        if (remainingPages !== lastRemaining) {
          lastRemaining = remainingPages;
          stuckSince = Date.now();
        } else if (Date.now() - stuckSince > BUSY_TIMEOUT_MS) {
          throw new BackupBusyError(destination);
        }
        return pagesPerStep;
      },
    });
    if (progress.totalPages > 0 && progress.remainingPages === 0) return { pages: progress.totalPages };
    // 0 of 0 is also what an empty database reports, and there is nothing to wait for then.
    if ((source.pragma('page_count', { simple: true }) as number) === 0) return { pages: 0 };
    if (Date.now() > deadline) throw new BackupBusyError(destination);
    await sleep(50);
  }
}
