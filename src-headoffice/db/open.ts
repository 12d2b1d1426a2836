import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
// SQLite runs DDL in transactions: the same dialect as the branch lets the Migrator wrap each migration.
import { TransactionalSqliteDialect } from '../../src-main/core/db/open';
import { withStatementCache } from '../../src-main/core/db/statement-cache';
import type { HeadOfficeDB } from './schema';

export type HeadOfficeStore =
  | { kind: 'sqlite'; file: string }
  /** `schema` puts every table in that PostgreSQL schema (tests use one per run). */
  | { kind: 'postgres'; connectionString: string; schema?: string; maxConnections?: number };

/**
 * The same store below Kysely, for the report intake: it runs a few fixed statements thousands of times a
 * second, and building each through the query builder cost more than running it (see ingest/).
 */
export type DirectStore = { kind: 'sqlite'; sqlite: Database.Database } | { kind: 'postgres'; pool: pg.Pool };

export interface OpenedHeadOfficeDb {
  db: Kysely<HeadOfficeDB>;
  direct: DirectStore;
  /** PostgreSQL: the schema holding the tables (and the Migrator's own); undefined on SQLite. */
  schema?: string;
  describe: string;
  close(): Promise<void>;
}

export const SQLITE_FILE_NAME = 'headoffice.sqlite';

/** The store from the environment: PostgreSQL when DATABASE_URL is set, else a SQLite file in dataDir. */
export function storeFromEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): HeadOfficeStore {
  const url = env.DATABASE_URL;
  if (url) return { kind: 'postgres', connectionString: url };
  return { kind: 'sqlite', file: path.join(dataDir, SQLITE_FILE_NAME) };
}

export function openHeadOfficeDb(store: HeadOfficeStore): OpenedHeadOfficeDb {
  if (store.kind === 'sqlite') {
    mkdirSync(path.dirname(store.file), { recursive: true });
    const sqlite = new Database(store.file);
    sqlite.pragma('journal_mode = WAL');
    // An acknowledged report is deleted from nowhere but trusted by the branch: it must survive a power cut.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<HeadOfficeDB>({ dialect: new TransactionalSqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, direct: { kind: 'sqlite', sqlite }, describe: `SQLite ${store.file}`, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: store.connectionString,
    max: store.maxConnections ?? 10,
    ...(store.schema ? { options: `-c search_path=${quoteIdent(store.schema)}` } : {}),
  });
  const db = new Kysely<HeadOfficeDB>({ dialect: new PostgresDialect({ pool }) });
  const where = new URL(store.connectionString);
  return { db, direct: { kind: 'postgres', pool }, schema: store.schema ?? 'public', describe: `PostgreSQL ${where.host}${where.pathname}${store.schema ? ` schema ${store.schema}` : ''}`, close: () => db.destroy() };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe schema name: ${name}`);
  return name;
}
