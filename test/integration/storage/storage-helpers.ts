import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Sqlite } from '../../../src-main/core/db/open';
import { listTables, type DatabaseSnapshot } from '../../helpers/snapshot';
import { fixtureFile } from '../../fixtures/build-branch-fixtures';

export { fixtureFile };

/** The columns of every table that stores rows (what a later version must keep as it was). */
export function tableColumns(sqlite: Sqlite): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const table of listTables(sqlite)) {
    out[table] = (sqlite.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string }[]).map((c) => c.name);
  }
  return out;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const serialise = (value: unknown) => (Buffer.isBuffer(value) ? `blob:${value.toString('hex')}` : typeof value === 'bigint' ? `bigint:${value}` : value);

/**
 * Row count and content hash of the given tables, reading only the given columns (so a table a later
 * migration gave a new column still compares with its older self). Rows hash as sorted JSON lines.
 */
export function projectedSnapshot(sqlite: Sqlite, columns: Record<string, string[]>): DatabaseSnapshot {
  const out: DatabaseSnapshot = {};
  for (const [table, cols] of Object.entries(columns)) {
    const rows = sqlite.prepare(`SELECT ${cols.map(quote).join(', ')} FROM ${quote(table)}`).raw().all() as unknown[][];
    const lines = rows.map((row) => JSON.stringify(row.map(serialise))).sort();
    out[table] = { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}

/** The schema as SQLite records it: every table, index, trigger and view with its SQL. */
export function schemaOf(sqlite: Sqlite): string[] {
  return (sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name").all() as Record<string, string>[]).map(
    (r) => `${r.type} ${r.name} on ${r.tbl_name}: ${r.sql ?? ''}`,
  );
}

/**
 * Open a file for a look, run `look`, close. Read-only unless told: a read-write open is what recovers
 * a file a killed process left (rolls back its unfinished transaction), as the app's own open would.
 */
export function peek<T>(file: string, look: (sqlite: Sqlite) => T, readonly = true): T {
  const sqlite = new Database(file, { readonly, fileMustExist: true });
  try {
    return look(sqlite);
  } finally {
    sqlite.close();
  }
}

/** A temp data folder holding a copy of fixture `version` as its branch database. */
export function dataDirWithFixture(version: number, prefix = 'aftercare-storage-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  copyFileSync(fixtureFile(version), path.join(dir, 'branch.sqlite'));
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
