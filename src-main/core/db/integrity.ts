import { existsSync } from 'node:fs';
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

/**
 * SQLite's quick check, on a read-only connection, before anything opens the file for writing: a
 * damaged file is never written to. It reads every page, so it grows with the file (see the README's
 * note on start-up time).
 */
export function checkDatabaseFile(file: string, nativeBinding?: string): void {
  if (!existsSync(file)) return;
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new DatabaseDamagedError(file, problems);
  } catch (error) {
    if (error instanceof DatabaseDamagedError) throw error;
    // "file is not a database", "database disk image is malformed": the same verdict.
    throw new DatabaseDamagedError(file, [error instanceof Error ? error.message : String(error)]);
  } finally {
    sqlite?.close();
  }
}
