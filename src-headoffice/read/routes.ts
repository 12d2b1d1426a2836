import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { HeadOfficeDB } from '../db/schema';
import { Refusal } from '../refusal';
import { requireAdmin } from './admin-auth';
import { toCsv } from './csv';
import { parseReadFilter } from './filters';
import { dayCounts, getReport, hoursByCategory, listReports, type DayCountsRow, type HoursRow, type ReportSummary } from './queries';

const REPORT_COLUMNS = [
  { header: 'branch', value: (r: ReportSummary) => r.branchCode },
  { header: 'kind', value: (r: ReportSummary) => r.kind },
  { header: 'date', value: (r: ReportSummary) => r.reportDate },
  { header: 'technician', value: (r: ReportSummary) => r.technicianCode },
  { header: 'revision', value: (r: ReportSummary) => r.revision },
  { header: 'latest', value: (r: ReportSummary) => (r.isLatest ? 'yes' : 'no') },
  { header: 'signed_by', value: (r: ReportSummary) => r.signedBy },
  { header: 'signed_at', value: (r: ReportSummary) => r.signedAt },
  { header: 'received_at', value: (r: ReportSummary) => r.receivedAt },
] as const;

const HOURS_COLUMNS = [
  { header: 'branch', value: (r: HoursRow) => r.branchCode },
  { header: 'technician', value: (r: HoursRow) => r.technicianCode },
  { header: 'name', value: (r: HoursRow) => r.technicianName },
  { header: 'A_paid_min', value: (r: HoursRow) => r.A },
  { header: 'B_contract_min', value: (r: HoursRow) => r.B },
  { header: 'C_free_min', value: (r: HoursRow) => r.C },
  { header: 'D_admin_min', value: (r: HoursRow) => r.D },
  { header: 'total_min', value: (r: HoursRow) => r.total },
] as const;

const DAY_COLUMNS = [
  { header: 'branch', value: (r: DayCountsRow) => r.branchCode },
  { header: 'date', value: (r: DayCountsRow) => r.reportDate },
  { header: 'received', value: (r: DayCountsRow) => r.received },
  { header: 'dispatched', value: (r: DayCountsRow) => r.dispatched },
  { header: 'finished_on_site', value: (r: DayCountsRow) => r.finishedOnSite },
  { header: 'taken_in', value: (r: DayCountsRow) => r.takenIn },
  { header: 'returned', value: (r: DayCountsRow) => r.returned },
  { header: 'late', value: (r: DayCountsRow) => r.late },
  { header: 'open_at_day_end', value: (r: DayCountsRow) => r.openAtDayEnd },
] as const;

/**
 * The read side for the service department and its scripts, behind an admin token:
 * - `GET /api/v1/reports?date=|from=&to=[&branch][&technician][&kind][&revisions=all]`
 * - `GET /api/v1/reports/:id` (the envelope as received)
 * - `GET /api/v1/hours?...` minutes by technician and category (`kind=technician` for the technicians' own)
 * - `GET /api/v1/late-calls?...` each branch's day: received, dispatched, late, open
 * - `GET /api/v1/export/{reports,hours,late-calls}.csv?...`
 */
export async function registerReadRoutes(app: FastifyInstance, deps: { db: Kysely<HeadOfficeDB>; clock: Clock }): Promise<void> {
  const { db } = deps;
  app.addHook('preHandler', requireAdmin(db));

  app.get('/api/v1/reports', async (request) => ({ reports: await listReports(db, parseReadFilter(request.query)) }));

  app.get<{ Params: { id: string } }>('/api/v1/reports/:id', async (request) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new Refusal(400, 'bad_request', 'invalid_id');
    const found = await getReport(db, id);
    if (!found) throw new Refusal(404, 'not_found', 'no_such_report');
    return found;
  });

  app.get('/api/v1/hours', async (request) => ({ hours: await hoursByCategory(db, parseReadFilter(request.query)) }));
  app.get('/api/v1/late-calls', async (request) => ({ days: await dayCounts(db, parseReadFilter(request.query)) }));

  app.get<{ Params: { view: string } }>('/api/v1/export/:view', async (request, reply) => {
    const filter = parseReadFilter(request.query);
    const view = request.params.view;
    let csv: string;
    if (view === 'reports.csv') csv = toCsv(REPORT_COLUMNS, await listReports(db, filter));
    else if (view === 'hours.csv') csv = toCsv(HOURS_COLUMNS, await hoursByCategory(db, filter));
    else if (view === 'late-calls.csv') csv = toCsv(DAY_COLUMNS, await dayCounts(db, filter));
    else throw new Refusal(404, 'not_found', 'no_such_export');
    const name = `${view.replace('.csv', '')}-${filter.from}-${filter.to}.csv`;
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
  });
}
