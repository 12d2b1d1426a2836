import Database from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
import { LATEST_SCHEMA_VERSION, SchemaTooNewError } from './migrate';
import type { DB } from './schema';
import { withStatementCache } from './statement-cache';

export type Sqlite = Database.Database;

export interface OpenOptions {
  /** Path to a better-sqlite3 binary built for another runtime (the Electron build passes one). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Open the branch database file with the pragmas every connection needs: WAL so readers never block
 * the writer, synchronous=FULL so a saved call survives a power cut, foreign keys enforced, and a busy
 * timeout instead of an immediate SQLITE_BUSY. A file from a newer Aftercare is refused before any pragma
 * touches it: switching a rollback-journal file to WAL rewrites its header, and such a file must stay as
 * it was.
 */
export function openSqlite(file: string, options: OpenOptions = {}): Sqlite {
  const sqlite = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (!options.readonly) {
    const fileVersion = sqlite.pragma('user_version', { simple: true }) as number;
    if (fileVersion > LATEST_SCHEMA_VERSION) {
      sqlite.close();
      throw new SchemaTooNewError(fileVersion, LATEST_SCHEMA_VERSION);
    }
    sqlite.pragma('journal_mode = WAL');
  }
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/**
 * SQLite does run DDL inside transactions; Kysely's adapter says otherwise only to be safe on every
 * database. Saying yes lets the Migrator run the pending migrations and their bookkeeping in one
 * transaction, so a crash mid-migration leaves the old schema or the new one, never half of each.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * After some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM) SQLite rolls the whole transaction back by
 * itself. Kysely's ROLLBACK then fails with "no transaction is active", and that error would replace the
 * one that caused it: a full disk would surface as an internal error instead of STORAGE_FULL.
 */
class RollbackTolerantSqliteDriver extends SqliteDriver {
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      if (error instanceof Error && /no transaction is active/.test(error.message)) return;
      throw error;
    }
  }
}

/** A SQLite dialect whose Migrator wraps migrations in a transaction (used by head office too). */
export class TransactionalSqliteDialect extends SqliteDialect {
  readonly #driverConfig: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#driverConfig = config;
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }

  override createDriver(): SqliteDriver {
    return new RollbackTolerantSqliteDriver(this.#driverConfig);
  }
}

export function createKysely(sqlite: Sqlite): Kysely<DB> {
  return new Kysely<DB>({ dialect: new TransactionalSqliteDialect({ database: withStatementCache(sqlite) }) });
}
