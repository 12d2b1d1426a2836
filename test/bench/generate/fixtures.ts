import type Database from 'better-sqlite3';
import { localDateOfDayIndex, localDayIndex, localMidnight, previousWorkingDay } from './business-time';
import type { Staff } from './call-story';
import { BENCH_NOW } from './scale';

/** Records the benchmark reads by name: a day to report on, a technician, a receipt to print, a month. */
export interface BenchFixtures {
  /** The last working day before "now": its reports are compiled live (nobody confirmed them yet). */
  reportDate: string;
  /** A technician with an ordinary day on reportDate. */
  technicianId: number;
  /** The technician whose reportDate has exactly 50 lines, for the 50-line printed report. */
  fiftyLineTechnicianId: number;
  fiftyLines: number;
  /** An outstanding goods receipt, to print. */
  receiptNumber: string;
  /** The last full month before "now". */
  month: { from: string; to: string };
}

const MIN = 60_000;

function linesOf(sqlite: Database.Database, technicianId: number, date: string, from: string, to: string): number {
  const labour = sqlite.prepare('SELECT count(*) AS n FROM repair_labour WHERE technician_id = ? AND started_at >= ? AND started_at < ?').get(technicianId, from, to) as { n: number };
  const onSite = sqlite.prepare('SELECT count(*) AS n FROM calls WHERE technician_id = ? AND work_started_at >= ? AND work_started_at < ?').get(technicianId, from, to) as { n: number };
  const tasks = sqlite.prepare('SELECT count(*) AS n FROM admin_tasks WHERE technician_id = ? AND business_date = ?').get(technicianId, date) as { n: number };
  return labour.n + onSite.n + tasks.n;
}

/**
 * Picks the fixtures and tops one technician's day up to 50 lines with admin tasks (a real day rarely
 * has that many; the printed form is measured at that size).
 */
export function prepareFixtures(sqlite: Database.Database, staff: Staff): BenchFixtures {
  const reportDay = previousWorkingDay(localDayIndex(BENCH_NOW.getTime()));
  const reportDate = localDateOfDayIndex(reportDay);
  const from = new Date(localMidnight(reportDay)).toISOString();
  const to = new Date(localMidnight(reportDay + 1)).toISOString();
  const [fifty, ordinary] = [staff.technicians[0]!, staff.technicians[1] ?? staff.technicians[0]!];
  const insert = sqlite.prepare("INSERT INTO admin_tasks (technician_id, business_date, kind, minutes, note, created_at) VALUES (?, ?, 'inspection', 10, ?, ?)");
  const missing = 50 - linesOf(sqlite, fifty.id, reportDate, from, to);
  sqlite.transaction(() => {
    for (let i = 0; i < missing; i++) insert.run(fifty.id, reportDate, `巡检第${i + 1}台`, new Date(localMidnight(reportDay) + (8 * 60 + 30 + i * 9) * MIN).toISOString());
  })();
  const receipt = sqlite.prepare("SELECT number FROM receipts WHERE status = 'outstanding' ORDER BY id DESC LIMIT 1").get() as { number: string } | undefined;
  if (!receipt) throw new Error('the generated branch has no outstanding receipt to print');
  const monthStart = new Date(Date.UTC(BENCH_NOW.getUTCFullYear(), BENCH_NOW.getUTCMonth() - 1, 1));
  const monthEnd = new Date(Date.UTC(BENCH_NOW.getUTCFullYear(), BENCH_NOW.getUTCMonth(), 0));
  return {
    reportDate,
    technicianId: ordinary.id,
    fiftyLineTechnicianId: fifty.id,
    fiftyLines: linesOf(sqlite, fifty.id, reportDate, from, to),
    receiptNumber: receipt.number,
    month: { from: monthStart.toISOString().slice(0, 10), to: monthEnd.toISOString().slice(0, 10) },
  };
}
