import { sql, type Kysely } from 'kysely';

/**
 * Every print of a form: a second print of the same record is marked as a reprint with the time of
 * the first, and each print is audited.
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE print_log (
      id INTEGER PRIMARY KEY,
      form TEXT NOT NULL,
      record_key TEXT NOT NULL,
      paper TEXT NOT NULL,
      language TEXT NOT NULL,
      printed_at TEXT NOT NULL,
      user_id INTEGER NOT NULL REFERENCES users (id)
    ) STRICT`.execute(db);
  await sql`CREATE INDEX print_log_record ON print_log (form, record_key, id)`.execute(db);
}
