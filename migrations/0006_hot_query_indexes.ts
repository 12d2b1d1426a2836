import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the queries a large branch waits on, found by the benchmark (`npm run bench`, issue 8) on
 * ten years of data (two million calls). Kysely binds every value as a parameter, and SQLite cannot use
 * a partial index whose WHERE clause a bound parameter would have to satisfy, so these are plain indexes
 * led by the column the query pins down.
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  // The dispatch board: calls waiting for a technician or his arrival, nearest deadline first.
  await run(sql`CREATE INDEX calls_status_deadline ON calls (status, deadline_at)`);
  // A technician's day: the on-site jobs he worked that day.
  await run(sql`CREATE INDEX calls_technician_work ON calls (technician_id, work_started_at)`);
  // The supervisor's day counts: events of the day by kind, late arrivals, calls still open at day end.
  await run(sql`CREATE INDEX call_events_event_at ON call_events (event, at)`);
  await run(sql`CREATE INDEX calls_late_arrivals ON calls (is_late, arrived_at)`);
  await run(sql`CREATE INDEX calls_closed_at ON calls (closed_at, called_at)`);
  // A day's reports on their way to head office (one row per report and revision, ten years of them).
  await run(sql`CREATE INDEX sync_outbox_report_date ON sync_outbox (report_date)`);
}
