import type { Kysely } from 'kysely';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../src-shared/sync/report-envelope';
import type { HeadOfficeDB } from '../db/schema';
import type { ReadFilter } from './filters';

export interface ReportSummary {
  id: number;
  branchCode: string;
  kind: 'technician' | 'supervisor';
  reportDate: string;
  technicianCode: string | null;
  revision: number;
  isLatest: boolean;
  contentHash: string;
  signedAt: string;
  signedBy: string;
  receivedAt: string;
}

/** Reports in the range, latest revision of each unless all revisions are asked for. */
export async function listReports(db: Kysely<HeadOfficeDB>, f: ReadFilter): Promise<ReportSummary[]> {
  let q = db
    .selectFrom('reports as r')
    .innerJoin('report_heads as h', (join) =>
      join.onRef('h.branch_code', '=', 'r.branch_code').onRef('h.kind', '=', 'r.kind').onRef('h.report_date', '=', 'r.report_date').onRef('h.technician_key', '=', 'r.technician_key'),
    )
    .select(['r.id', 'r.branch_code', 'r.kind', 'r.report_date', 'r.technician_key', 'r.revision', 'r.content_hash', 'r.signed_at', 'r.signed_by', 'r.received_at', 'h.latest_report_id'])
    .where('r.report_date', '>=', f.from)
    .where('r.report_date', '<=', f.to);
  if (!f.allRevisions) q = q.whereRef('h.latest_report_id', '=', 'r.id');
  if (f.branch) q = q.where('r.branch_code', '=', f.branch);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.technician) q = q.where('r.technician_key', '=', f.technician);
  const rows = await q.orderBy('r.report_date').orderBy('r.branch_code').orderBy('r.kind').orderBy('r.technician_key').orderBy('r.revision').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    branchCode: r.branch_code,
    kind: r.kind,
    reportDate: r.report_date,
    technicianCode: r.technician_key === '' ? null : r.technician_key,
    revision: Number(r.revision),
    isLatest: Number(r.latest_report_id) === Number(r.id),
    contentHash: r.content_hash,
    signedAt: r.signed_at,
    signedBy: r.signed_by,
    receivedAt: r.received_at,
  }));
}

/** One stored revision with its envelope as received. */
export async function getReport(db: Kysely<HeadOfficeDB>, id: number): Promise<{ summary: ReportSummary; envelope: unknown } | null> {
  const row = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const all = await listReports(db, { from: row.report_date, to: row.report_date, branch: row.branch_code, kind: row.kind, allRevisions: true });
  const summary = all.find((s) => s.id === Number(row.id));
  return summary ? { summary, envelope: JSON.parse(row.envelope_json) as unknown } : null;
}

export interface HoursRow {
  branchCode: string;
  technicianCode: string;
  technicianName: string;
  /** Minutes by category, and their sum. */
  A: number;
  B: number;
  C: number;
  D: number;
  total: number;
}

/**
 * Minutes by technician and category over the range, from the latest revision of each report. The
 * source is the manager-signed supervisor reports unless `kind=technician` asks for the technicians' own.
 */
export async function hoursByCategory(db: Kysely<HeadOfficeDB>, f: ReadFilter): Promise<HoursRow[]> {
  let q = db
    .selectFrom('report_heads as h')
    .innerJoin('report_minutes as m', 'm.report_id', 'h.latest_report_id')
    .select((eb) => ['h.branch_code', 'm.technician_code', eb.fn.max('m.technician_name').as('technician_name'), 'm.category', eb.fn.sum<string | number>('m.minutes').as('minutes')])
    .where('h.kind', '=', f.kind ?? 'supervisor')
    .where('h.report_date', '>=', f.from)
    .where('h.report_date', '<=', f.to);
  if (f.branch) q = q.where('h.branch_code', '=', f.branch);
  if (f.technician) q = q.where('m.technician_code', '=', f.technician);
  const rows = await q.groupBy(['h.branch_code', 'm.technician_code', 'm.category']).execute();

  const byPerson = new Map<string, HoursRow>();
  for (const r of rows) {
    const key = `${r.branch_code}\u0000${r.technician_code}`;
    const row = byPerson.get(key) ?? { branchCode: r.branch_code, technicianCode: r.technician_code, technicianName: r.technician_name ?? '', A: 0, B: 0, C: 0, D: 0, total: 0 };
    // PostgreSQL returns sums as strings (bigint): convert once, here.
    const minutes = Number(r.minutes);
    row[r.category as ServiceCategory] += minutes;
    row.total += minutes;
    byPerson.set(key, row);
  }
  return [...byPerson.values()].sort((a, b) => a.branchCode.localeCompare(b.branchCode) || a.technicianCode.localeCompare(b.technicianCode));
}

export interface DayCountsRow {
  branchCode: string;
  reportDate: string;
  received: number;
  dispatched: number;
  finishedOnSite: number;
  takenIn: number;
  returned: number;
  late: number;
  openAtDayEnd: number;
}

/** Each branch's day as its latest supervisor report tells it: calls received, late against the promise, open. */
export async function dayCounts(db: Kysely<HeadOfficeDB>, f: ReadFilter): Promise<DayCountsRow[]> {
  let q = db
    .selectFrom('report_heads as h')
    .innerJoin('report_counts as c', 'c.report_id', 'h.latest_report_id')
    .select(['h.branch_code', 'h.report_date', 'c.received', 'c.dispatched', 'c.finished_on_site', 'c.taken_in', 'c.returned', 'c.late', 'c.open_at_day_end'])
    .where('h.kind', '=', 'supervisor')
    .where('h.report_date', '>=', f.from)
    .where('h.report_date', '<=', f.to);
  if (f.branch) q = q.where('h.branch_code', '=', f.branch);
  const rows = await q.orderBy('h.report_date').orderBy('h.branch_code').execute();
  return rows.map((r) => ({
    branchCode: r.branch_code,
    reportDate: r.report_date,
    received: Number(r.received),
    dispatched: Number(r.dispatched),
    finishedOnSite: Number(r.finished_on_site),
    takenIn: Number(r.taken_in),
    returned: Number(r.returned),
    late: Number(r.late),
    openAtDayEnd: Number(r.open_at_day_end),
  }));
}

export { SERVICE_CATEGORIES };
