import { sql, type Kysely } from 'kysely';

/**
 * The daily reports: technicians' admin tasks (category D), each technician's confirmed day, and the
 * supervisor's report signed by the supervisor and then the branch manager. A manager-signed report is
 * final: a correction is a new revision, never an edit.
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  await run(sql`
    CREATE TABLE admin_tasks (
      id INTEGER PRIMARY KEY,
      technician_id INTEGER NOT NULL REFERENCES users (id),
      business_date TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('training','partsHandling','toolUpkeep','inspection','other')),
      minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL
    ) STRICT`);
  await run(sql`CREATE INDEX admin_tasks_day ON admin_tasks (technician_id, business_date)`);

  await run(sql`
    CREATE TABLE technician_days (
      id INTEGER PRIMARY KEY,
      technician_id INTEGER NOT NULL REFERENCES users (id),
      business_date TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('confirmed','returned')),
      confirmed_at TEXT NOT NULL,
      body_json TEXT NOT NULL,
      return_comment TEXT,
      returned_at TEXT,
      UNIQUE (technician_id, business_date)
    ) STRICT`);

  await run(sql`
    CREATE TABLE supervisor_days (
      id INTEGER PRIMARY KEY,
      business_date TEXT NOT NULL,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      supervisor_id INTEGER NOT NULL REFERENCES users (id),
      supervisor_signed_at TEXT NOT NULL,
      manager_id INTEGER REFERENCES users (id),
      manager_signed_at TEXT,
      body_json TEXT NOT NULL,
      UNIQUE (business_date, revision)
    ) STRICT`);
  await run(sql`
    CREATE TRIGGER supervisor_days_signed_read_only BEFORE UPDATE ON supervisor_days
    WHEN OLD.manager_signed_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'read-only record: signed daily report'); END`);
  await run(sql`
    CREATE TRIGGER supervisor_days_no_delete BEFORE DELETE ON supervisor_days
    BEGIN SELECT RAISE(ABORT, 'read-only record: signed daily report'); END`);
}
