import { sql, type Kysely } from 'kysely';

/**
 * The branch, its users and the append-only audit log.
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE branch (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      address TEXT NOT NULL,
      phone TEXT NOT NULL,
      time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai',
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('clerk','supervisor','technician','manager','admin')),
      password_hash TEXT NOT NULL,
      language TEXT NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN','en')),
      is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0,1)),
      failed_logins INTEGER NOT NULL DEFAULT 0,
      last_failed_at TEXT,
      created_at TEXT NOT NULL
    ) STRICT`.execute(db);

  await sql`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT`.execute(db);

  // Each row carries the hash of the row before it, so a changed or deleted row breaks the chain.
  await sql`
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_id INTEGER,
      username TEXT,
      method TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('ok','denied')),
      entity TEXT,
      entity_id TEXT,
      before_json TEXT,
      after_json TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)`.execute(db);
}
