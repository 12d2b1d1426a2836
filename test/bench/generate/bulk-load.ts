import Database from 'better-sqlite3';

/**
 * Bulk loading into the schema the migrations made: no journal, no fsync, a big page cache, and the
 * secondary indexes and triggers of the loaded tables set aside and re-created afterwards from their
 * own stored SQL (one sorted build per index instead of millions of random inserts). The schema listing
 * before and after must be identical, or the build fails.
 */

export const BULK_TABLES = [
  'customers', 'customer_phones', 'products', 'vouchers', 'calls', 'call_events', 'onsite_parts', 'voucher_entries',
  'receipts', 'goods_ledger', 'repair_cards', 'repair_labour', 'repair_parts', 'admin_tasks', 'audit_log', 'book_counters',
] as const;

/** Tables whose row counts the benchmark reports. */
export const COUNTED_TABLES = [...BULK_TABLES, 'technician_days', 'supervisor_days', 'sync_outbox'] as const;

/** Every schema object with its SQL, sorted: what "the same schema" means here. */
export function schemaListing(sqlite: Database.Database): string[] {
  const rows = sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name").all() as Array<Record<string, string | null>>;
  return rows.map((r) => `${r.type}|${r.name}|${r.tbl_name}|${r.sql ?? ''}`);
}

export function openForBulkLoad(file: string): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -1000000');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('locking_mode = EXCLUSIVE');
  // The generator keeps references consistent itself; `foreign_key_check` verifies it at the end.
  sqlite.pragma('foreign_keys = OFF');
  return sqlite;
}

/** Drops the secondary indexes and triggers of the bulk tables; returns the SQL that re-creates them. */
export function setAsideIndexesAndTriggers(sqlite: Database.Database): string[] {
  const placeholders = BULK_TABLES.map(() => '?').join(', ');
  const rows = sqlite
    .prepare(`SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${placeholders}) ORDER BY type, name`)
    .all(...BULK_TABLES) as Array<{ type: string; name: string; sql: string }>;
  for (const r of rows) sqlite.exec(`DROP ${r.type === 'index' ? 'INDEX' : 'TRIGGER'} "${r.name}"`);
  return rows.map((r) => r.sql);
}

export function restoreIndexesAndTriggers(sqlite: Database.Database, statements: readonly string[]): void {
  // Indexes first (their order in the list), triggers after.
  for (const statement of statements) sqlite.exec(statement);
}

export function checkForeignKeys(sqlite: Database.Database): void {
  const broken = sqlite.prepare('PRAGMA foreign_key_check').all();
  if (broken.length > 0) throw new Error(`generated data breaks ${broken.length} foreign keys, e.g. ${JSON.stringify(broken.slice(0, 3))}`);
}

/** Back to the journal the product expects (WAL), on a fresh connection after the bulk one closed. */
export function restoreWal(file: string): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
}
