import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db/dialect';

/**
 * Branches, admin tokens, request nonces and the reports with their unpacked figures. One text for
 * both databases; only the id column and SQLite's STRICT differ.
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const strict = sql.raw(pg ? '' : ' STRICT');
  const id = sql.raw(pg ? 'id SERIAL PRIMARY KEY' : 'id INTEGER PRIMARY KEY');

  await sql`
    CREATE TABLE branches (
      code TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      secret TEXT NOT NULL,
      created_at TEXT NOT NULL,
      secret_rotated_at TEXT
    )${strict}`.execute(db);

  await sql`
    CREATE TABLE admin_tokens (
      ${id},
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL
    )${strict}`.execute(db);

  // Only needs to outlive the timestamp window: an older request is refused for its timestamp anyway.
  await sql`
    CREATE TABLE request_nonces (
      branch_code TEXT NOT NULL REFERENCES branches (code),
      nonce TEXT NOT NULL,
      received_at TEXT NOT NULL,
      PRIMARY KEY (branch_code, nonce)
    )${strict}`.execute(db);
  await sql`CREATE INDEX request_nonces_received ON request_nonces (received_at)`.execute(db);

  await sql`
    CREATE TABLE reports (
      ${id},
      branch_code TEXT NOT NULL REFERENCES branches (code),
      kind TEXT NOT NULL CHECK (kind IN ('technician','supervisor')),
      report_date TEXT NOT NULL,
      technician_key TEXT NOT NULL,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      content_hash TEXT NOT NULL,
      signed_at TEXT NOT NULL,
      signed_by TEXT NOT NULL,
      envelope_json TEXT NOT NULL,
      received_at TEXT NOT NULL,
      UNIQUE (branch_code, kind, report_date, technician_key, revision)
    )${strict}`.execute(db);

  await sql`
    CREATE TABLE report_heads (
      branch_code TEXT NOT NULL,
      kind TEXT NOT NULL,
      report_date TEXT NOT NULL,
      technician_key TEXT NOT NULL,
      latest_revision INTEGER NOT NULL,
      latest_report_id INTEGER NOT NULL REFERENCES reports (id),
      PRIMARY KEY (branch_code, kind, report_date, technician_key)
    )${strict}`.execute(db);
  // The read views filter latest reports by day first.
  await sql`CREATE INDEX report_heads_day ON report_heads (report_date, branch_code)`.execute(db);

  await sql`
    CREATE TABLE report_minutes (
      report_id INTEGER NOT NULL REFERENCES reports (id),
      technician_code TEXT NOT NULL,
      technician_name TEXT NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('A','B','C','D')),
      minutes INTEGER NOT NULL,
      PRIMARY KEY (report_id, technician_code, category)
    )${strict}`.execute(db);

  await sql`
    CREATE TABLE report_counts (
      report_id INTEGER PRIMARY KEY REFERENCES reports (id),
      received INTEGER NOT NULL,
      dispatched INTEGER NOT NULL,
      finished_on_site INTEGER NOT NULL,
      taken_in INTEGER NOT NULL,
      returned INTEGER NOT NULL,
      late INTEGER NOT NULL,
      open_at_day_end INTEGER NOT NULL
    )${strict}`.execute(db);
}
