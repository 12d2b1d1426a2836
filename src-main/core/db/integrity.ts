import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

/** The file is damaged: the app does not write to it and offers to restore a backup instead. */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`The branch database ${file} is damaged (${problems.slice(0, 3).join('; ')}). It has not been changed. Restore the latest backup.`);
    this.name = 'DatabaseDamagedError';
  }
}

/** The quick check's list of problems as the verdict: none, or a DatabaseDamagedError to throw. */
export function damageFrom(file: string, problems: string[]): DatabaseDamagedError | null {
  return problems.length > 0 ? new DatabaseDamagedError(file, problems) : null;
}

/**
 * SQLite's quick check, on a read-only connection, before anything opens the file for writing: a
 * damaged file is never written to. It reads every page, so it grows with the file (see the README's
 * note on start-up time); large files are checked in the background instead (branch-app, integrity-guard).
 */
export function checkDatabaseFile(file: string, nativeBinding?: string): void {
  if (!existsSync(file)) return;
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
    const damage = damageFrom(file, rows.map((r) => r.quick_check).filter((r) => r !== 'ok'));
    if (damage) throw damage;
  } catch (error) {
    if (error instanceof DatabaseDamagedError) throw error;
    // "file is not a database", "database disk image is malformed": the same verdict.
    throw new DatabaseDamagedError(file, [error instanceof Error ? error.message : String(error)]);
  } finally {
    sqlite?.close();
  }
}

/**
 * Below this size the quick check takes a few tens of milliseconds: it runs before the file is opened,
 * as it always did, rather than on a worker that costs about as much to start.
 */
export const BACKGROUND_CHECK_MIN_BYTES = 16 * 2 ** 20;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether the file may be opened for writing before its quick check has passed, the app writing nothing
 * until it does. Only a large file already in WAL mode whose WAL holds nothing qualifies:
 * - in WAL mode, opening it (`journal_mode = WAL` included) writes nothing to the file, and every later
 *   change would go to the WAL first; a rollback-journal file would get its header rewritten at open;
 * - with an empty WAL, closing the connection has nothing to checkpoint into the file. A WAL left with
 *   frames by a crash would be copied into the file at close: that file is checked before opening.
 * Bytes 18 and 19 of the header are SQLite's read and write format versions; 2 means WAL.
 */
export function mayCheckWhileOpen(file: string): boolean {
  if (!existsSync(file) || statSync(file).size < BACKGROUND_CHECK_MIN_BYTES) return false;
  const walFile = `${file}-wal`;
  if (existsSync(walFile) && statSync(walFile).size > 0) return false;
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, header, 0, header.length, 0) < header.length) return false;
  } finally {
    closeSync(fd);
  }
  return header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC) && header[18] === 2 && header[19] === 2;
}
