import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Sqlite } from './open';

/**
 * Copy the live database with SQLite's online backup API (consistent even while it is being written)
 * into `dir`, named after the reason and the instant. Returns the file written.
 */
export async function backupDatabase(sqlite: Sqlite, dir: string, reason: string, now: Date): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `branch-${reason}-${stamp}.sqlite`);
  await sqlite.backup(file);
  return file;
}
