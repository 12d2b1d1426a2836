import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * The month's figures straight from the books, in a handful of aggregate statements over indexed
 * ranges (issue 8: a month in <= 100 ms on two million calls), instead of compiling each day's report.
 * Each statement reads an index alone (migration 0009 and earlier) except where a count of parts lines
 * or a take-in's technician needs one seek per job.
 *
 * A business day is a UTC range in the branch's zone, so per-day figures come from a small `days` table
 * of [date, from, to] built by the caller, each figure a correlated subquery over that day's index range.
 * Not `days JOIN <table> ... GROUP BY days.date`: SQLite sorted every row of the month for the GROUP BY
 * (22 ms instead of 1 ms for the month's closings at two million calls), and with a plain JOIN it even
 * read the whole index (all years) and probed the days for each entry. Per technician the same, over
 * the technician-led indexes. Conditions a partial index is defined by are literals so it may be used.
 */

export type DayBounds = readonly [date: string, fromUtc: string, toUtc: string];

const daysTable = (days: readonly DayBounds[]) =>
  sql`WITH days(date, from_at, to_at) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(${JSON.stringify(days)}))`;

const FEE = sql`c.labour_fee_fen + c.parts_fee_fen`;

export interface MonthDay {
  date: string;
  finished: number;
  feesFen: number;
  cashFen: number;
  a: number;
  b: number;
  /** Parts lines of the jobs finished that day: on-site parts, and the repair card's of goods returned. */
  partsLines: number;
  takenIn: number;
  cancelled: number;
  late: number;
  closed: number;
}

/**
 * Per day: jobs finished (on site, or the goods given back: both set finished_at) with fees, categories
 * and on-site parts lines from calls_finished_fees in one pass (plus one seek per job for its parts),
 * the returned goods' card parts, take-ins and cancellations from the event index, late arrivals, and
 * closings (closed or cancelled: both set closed_at).
 */
export async function monthDays(db: Kysely<DB>, days: readonly DayBounds[]): Promise<MonthDay[]> {
  const { rows } = await sql<{ date: string; finishing: string; returnedParts: number; takenIn: number; cancelled: number; late: number; closed: number }>`${daysTable(days)}
    SELECT days.date AS date,
      (SELECT json_array(count(*), sum(${FEE}), sum(iif(c.payment = 'cash', ${FEE}, 0)), sum(c.category = 'A'), sum(c.category = 'B'),
                         sum((SELECT count(*) FROM onsite_parts p WHERE p.call_id = c.id)))
         FROM calls c WHERE c.finished_at >= days.from_at AND c.finished_at < days.to_at) AS finishing,
      (SELECT count(*) FROM call_events e JOIN repair_cards rc ON rc.call_id = e.call_id JOIN repair_parts rp ON rp.card_id = rc.id
        WHERE e.event = 'returned' AND e.at >= days.from_at AND e.at < days.to_at) AS returnedParts,
      (SELECT count(*) FROM call_events e WHERE e.event = 'takenIn' AND e.at >= days.from_at AND e.at < days.to_at) AS takenIn,
      (SELECT count(*) FROM call_events e WHERE e.event = 'cancelled' AND e.at >= days.from_at AND e.at < days.to_at) AS cancelled,
      (SELECT count(*) FROM calls c WHERE c.is_late = 1 AND c.arrived_at >= days.from_at AND c.arrived_at < days.to_at) AS late,
      (SELECT count(*) FROM calls c WHERE c.closed_at >= days.from_at AND c.closed_at < days.to_at) AS closed
    FROM days`.execute(db);
  return rows.map(({ finishing, returnedParts, ...counts }) => {
    const [finished, feesFen, cashFen, a, b, onSiteParts] = (JSON.parse(finishing) as Array<number | null>).map((n) => n ?? 0) as number[];
    return { ...counts, finished: finished!, feesFen: feesFen!, cashFen: cashFen!, a: a!, b: b!, partsLines: onSiteParts! + returnedParts };
  });
}

export interface TechnicianMonth {
  technicianId: number;
  feesFen: number;
  takenIn: number;
  late: number;
  onSite: number;
  labourMinutes: number;
  adminMinutes: number;
}

/**
 * Each technician's month in [fromUtc, toUtc) (business days first..last): goods he took in, late
 * arrivals, on-site jobs and their minutes by the work's start (as his daily report counts them, each
 * rounded to the minute), repair-card labour and admin tasks, each from a technician-led index; and
 * the fees of the jobs finished in the month, from calls_finished_fees.
 */
export async function technicianMonths(db: Kysely<DB>, technicianIds: readonly number[], range: { first: string; last: string; fromUtc: string; toUtc: string }): Promise<TechnicianMonth[]> {
  const { first, last, fromUtc, toUtc } = range;
  const { rows } = await sql<{ technicianId: number; takenIn: number; late: number; onSite: string; labour: number | null; admin: number | null }>`
    SELECT t.value AS technicianId,
      (SELECT count(*) FROM goods_ledger g WHERE g.brought_by = t.value AND g.date_in >= ${first} AND g.date_in <= ${last}) AS takenIn,
      (SELECT count(*) FROM calls c WHERE c.technician_id = t.value AND c.is_late = 1 AND c.arrived_at >= ${fromUtc} AND c.arrived_at < ${toUtc}) AS late,
      (SELECT json_array(count(*), sum(max(0, CAST(round((julianday(c.work_ended_at) - julianday(c.work_started_at)) * 1440) AS INTEGER))))
         FROM calls c WHERE c.technician_id = t.value AND c.work_started_at >= ${fromUtc} AND c.work_started_at < ${toUtc}) AS onSite,
      (SELECT sum(l.minutes) FROM repair_labour l WHERE l.technician_id = t.value AND l.started_at >= ${fromUtc} AND l.started_at < ${toUtc}) AS labour,
      (SELECT sum(a.minutes) FROM admin_tasks a WHERE a.technician_id = t.value AND a.business_date >= ${first} AND a.business_date <= ${last}) AS admin
    FROM json_each(${JSON.stringify(technicianIds)}) t`.execute(db);
  const fees = await sql<{ technicianId: number; feesFen: number }>`
    SELECT c.technician_id AS technicianId, sum(${FEE}) AS feesFen FROM calls c
     WHERE c.finished_at >= ${fromUtc} AND c.finished_at < ${toUtc} AND c.technician_id IS NOT NULL GROUP BY c.technician_id`.execute(db);
  const feesOf = new Map(fees.rows.map((f) => [f.technicianId, f.feesFen]));
  return rows.map((r) => {
    const [onSite, onSiteMinutes] = (JSON.parse(r.onSite) as Array<number | null>).map((n) => n ?? 0) as [number, number];
    return { technicianId: r.technicianId, feesFen: feesOf.get(r.technicianId) ?? 0, takenIn: r.takenIn, late: r.late, onSite, labourMinutes: onSiteMinutes + (r.labour ?? 0), adminMinutes: r.admin ?? 0 };
  });
}

/** Calls registered per business day (the book's own date column, index only). */
export async function registeredByDay(db: Kysely<DB>, first: string, last: string): Promise<Array<{ date: string; n: number }>> {
  const { rows } = await sql<{ date: string; n: number }>`
    SELECT business_date AS date, count(*) AS n FROM calls WHERE business_date >= ${first} AND business_date <= ${last} GROUP BY business_date`.execute(db);
  return rows;
}

/** Calls registered before `atUtc` and not closed or cancelled by then (the supervisor report's rule). */
export async function openAt(db: Kysely<DB>, atUtc: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*) AS n FROM calls WHERE called_at < ${atUtc} AND (closed_at IS NULL OR closed_at >= ${atUtc})`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The latest revision of each day's supervisor report and whether head office has that revision. */
export async function reportStates(db: Kysely<DB>, first: string, last: string): Promise<Array<{ date: string; revision: number; managerSigned: boolean; sent: boolean }>> {
  const { rows } = await sql<{ date: string; revision: number; managerSigned: number; sent: number }>`
    SELECT d.business_date AS date, d.revision AS revision, d.manager_signed_at IS NOT NULL AS managerSigned,
           EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind = 'supervisor' AND o.report_date = d.business_date AND o.revision = d.revision AND o.sent_at IS NOT NULL) AS sent
      FROM supervisor_days d
     WHERE d.business_date >= ${first} AND d.business_date <= ${last}
       AND d.revision = (SELECT max(revision) FROM supervisor_days l WHERE l.business_date = d.business_date)`.execute(db);
  return rows.map((r) => ({ date: r.date, revision: r.revision, managerSigned: r.managerSigned === 1, sent: r.sent === 1 }));
}
