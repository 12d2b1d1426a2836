import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Sqlite } from '../../src-main/core/db/open';

export interface TableSnapshot {
  rows: number;
  /** sha256 over the table's rows, order-independent. */
  hash: string;
}

export type DatabaseSnapshot = Record<string, TableSnapshot>;

/** Every table SQLite stores rows in (virtual tables are skipped; their shadow tables are included). */
export function listTables(sqlite: Sqlite): string[] {
  const rows = sqlite
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  return rows.filter((r) => !/^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
}

function serialise(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `blob:${value.toString('hex')}`;
  if (typeof value === 'bigint') return `bigint:${value.toString()}`;
  return value;
}

/**
 * Row count and a content hash of every table: two snapshots are equal exactly when no row was
 * added, changed or removed. Rows are hashed as sorted JSON lines, so the order SQLite returns them in
 * does not matter (and WITHOUT ROWID tables need no special case).
 */
export function snapshotTables(sqlite: Sqlite, options: { except?: readonly string[] } = {}): DatabaseSnapshot {
  const snapshot: DatabaseSnapshot = {};
  for (const table of listTables(sqlite)) {
    if (options.except?.includes(table)) continue;
    const rows = sqlite.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
    const lines = rows.map((row) => JSON.stringify(Object.entries(row).map(([k, v]) => [k, serialise(v)]))).sort();
    snapshot[table] = { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return snapshot;
}

export function hashFile(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
