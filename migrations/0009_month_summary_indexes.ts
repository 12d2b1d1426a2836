import { sql, type Kysely } from 'kysely';

/**
 * Covering indexes for the month's summary (reports.monthSummary, issue 8: a month in <= 100 ms on two
 * million calls). A month at that scale is ~23,000 finished jobs, ~18,000 on-site visits, ~6,500 late
 * arrivals and ~4,700 take-ins; reading each call's row for its fee, technician or end time cost ~4 µs a
 * row (the month took ~1 s), reading them from an index alone a fraction of that. The ones on calls are
 * partial: a call gets an entry only once it is finished, worked on site or late, so registering a call
 * writes none of them. The month's queries state the partial condition themselves (finished_at >= ?,
 * work_started_at >= ?, is_late = 1 as a literal), so SQLite may use them. The technician-led ones let
 * each technician's figures be counted per technician without sorting the month's rows.
 * Released: never edit; add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  // Jobs finished (on site or goods returned) per day, with who, the category and the fee.
  await run(sql`
    CREATE INDEX calls_finished_fees ON calls (finished_at, technician_id, category, payment, labour_fee_fen, parts_fee_fen)
    WHERE finished_at IS NOT NULL`);
  // Each technician's on-site jobs and their minutes (calls_technician_work without the end time stays
  // for the queries that only need the start).
  await run(sql`
    CREATE INDEX calls_technician_work_span ON calls (technician_id, work_started_at, work_ended_at)
    WHERE work_started_at IS NOT NULL`);
  await run(sql`CREATE INDEX calls_late_by_technician ON calls (technician_id, arrived_at) WHERE is_late = 1`);
  await run(sql`CREATE INDEX repair_labour_technician_minutes ON repair_labour (technician_id, started_at, minutes)`);
  // Goods each technician took in, by business day (the ledger's brought_by is the call's technician).
  await run(sql`CREATE INDEX goods_ledger_brought_by ON goods_ledger (brought_by, date_in)`);
}
