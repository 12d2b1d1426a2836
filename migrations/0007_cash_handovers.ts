import { sql, type Kysely } from 'kysely';

/**
 * Cash handed over to the cashier: one record per technician and handover, with the jobs whose money
 * it carries. A job's cash is handed over once (the unique call); what was counted is kept beside what
 * was expected, and a record is never changed afterwards.
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  await run(sql`
    CREATE TABLE cash_handovers (
      id INTEGER PRIMARY KEY,
      business_date TEXT NOT NULL,
      technician_id INTEGER NOT NULL REFERENCES users (id),
      expected_fen INTEGER NOT NULL CHECK (expected_fen >= 0),
      received_fen INTEGER NOT NULL CHECK (received_fen >= 0),
      note TEXT,
      received_by INTEGER NOT NULL REFERENCES users (id),
      received_at TEXT NOT NULL
    ) STRICT`);
  await run(sql`CREATE INDEX cash_handovers_day ON cash_handovers (business_date, technician_id)`);
  await run(sql`
    CREATE TABLE cash_handover_jobs (
      handover_id INTEGER NOT NULL REFERENCES cash_handovers (id),
      call_id INTEGER NOT NULL UNIQUE REFERENCES calls (id),
      amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
      PRIMARY KEY (handover_id, call_id)
    ) STRICT`);
  for (const table of ['cash_handovers', 'cash_handover_jobs']) {
    for (const change of ['UPDATE', 'DELETE']) {
      await run(sql`
        CREATE TRIGGER ${sql.raw(`${table}_no_${change.toLowerCase()}`)} BEFORE ${sql.raw(change)} ON ${sql.raw(table)}
        BEGIN SELECT RAISE(ABORT, 'read-only record: cash handover'); END`);
    }
  }
}
