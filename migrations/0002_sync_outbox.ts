import { sql, type Kysely } from 'kysely';

/**
 * The sync module's outbox of daily reports for head office, and the one-row state of the channel
 * (settings, consecutive failures, last success and error).
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per report revision, kept after it is sent: the outbox doubles as the record of what head
  // office has acknowledged, and nothing here is ever deleted, so a report cannot be lost in the queue.
  await sql`
    CREATE TABLE sync_outbox (
      id INTEGER PRIMARY KEY,
      report_key TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('technician','supervisor')),
      report_date TEXT NOT NULL,
      technician_code TEXT,
      revision INTEGER NOT NULL CHECK (revision >= 1),
      content_hash TEXT NOT NULL,
      envelope_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_attempt_at TEXT,
      last_error_key TEXT,
      last_error_params_json TEXT,
      sent_at TEXT,
      sent_result TEXT CHECK (sent_result IN ('stored','duplicate')),
      CHECK ((sent_at IS NULL) = (sent_result IS NULL))
    ) STRICT`.execute(db);
  // The pusher's only hot query: queued rows in due order.
  await sql`CREATE INDEX sync_outbox_queued ON sync_outbox (next_attempt_at, id) WHERE sent_at IS NULL`.execute(db);
  await sql`CREATE INDEX sync_outbox_report ON sync_outbox (kind, report_date, technician_code)`.execute(db);

  await sql`
    CREATE TABLE sync_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      head_office_url TEXT,
      branch_secret TEXT,
      failures INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT,
      last_attempt_at TEXT,
      last_success_at TEXT,
      last_error_at TEXT,
      last_error_key TEXT,
      last_error_params_json TEXT
    ) STRICT`.execute(db);
  await sql`INSERT INTO sync_state (id) VALUES (1)`.execute(db);
}
