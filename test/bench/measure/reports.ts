import { DEFAULT_CALENDAR } from '../../../src-shared/domain/working-calendar';
import { localDateOf } from '../../../src-shared/domain/working-hours';
import type { MonthSummaryView } from '../../../src-shared/contract/reports';
import { dayBoundsUtc } from '../../../src-main/core/repos/report-compiler';
import type { BenchContext } from './context';
import { prepareRawMonth, type RawMonth } from './raw-month';
import { ratio, type Figure } from './results';
import { sample, summarize } from './stats';

/**
 * The evening's reports: one technician's day and the branch's day, compiled live from the records
 * (nobody has confirmed the report day yet), and the month's summary (reports.monthSummary: a few
 * aggregates over the month, against the same statements by hand in raw-month.ts, checked to give the
 * same numbers before anything is timed).
 */

/** Lines worked by technicians in [from, to): repair labour, on-site jobs, admin tasks (category D). */
const LINES = `
  SELECT l.technician_id AS technician_id, l.started_at AS at, c.category AS category, l.minutes AS minutes, c.number AS number,
         CASE WHEN l.note <> '' THEN l.note ELSE c.fault END AS description
    FROM repair_labour l JOIN repair_cards rc ON rc.id = l.card_id JOIN calls c ON c.id = rc.call_id
   WHERE l.technician_id IN (SELECT value FROM json_each(:techs)) AND l.started_at >= :from AND l.started_at < :to
  UNION ALL
  SELECT technician_id, work_started_at, category, max(0, CAST(round((julianday(work_ended_at) - julianday(work_started_at)) * 1440) AS INTEGER)), number, coalesce(work_done, '')
    FROM calls WHERE technician_id IN (SELECT value FROM json_each(:techs)) AND work_started_at >= :from AND work_started_at < :to
  UNION ALL
  SELECT technician_id, created_at, 'D', minutes, NULL, kind || ' · ' || note
    FROM admin_tasks WHERE technician_id IN (SELECT value FROM json_each(:techs)) AND business_date >= :fromDate AND business_date <= :toDate`;

function rawReports(ctx: BenchContext) {
  const s = ctx.app.sqlite;
  const lines = s.prepare(`SELECT * FROM (${LINES}) ORDER BY at`);
  const minutes = s.prepare(`SELECT technician_id, category, sum(minutes) AS minutes FROM (${LINES}) GROUP BY technician_id, category`);
  const events = s.prepare("SELECT event, count(id) AS n FROM call_events WHERE at >= ? AND at < ? AND event IN ('dispatched', 'finishedOnSite', 'takenIn', 'returned') GROUP BY event");
  const received = s.prepare('SELECT count(*) FROM calls WHERE business_date >= ? AND business_date <= ?').pluck();
  const late = s.prepare('SELECT count(*) FROM calls WHERE is_late = 1 AND arrived_at >= ? AND arrived_at < ?').pluck();
  const open = s.prepare('SELECT count(*) FROM calls WHERE called_at < ? AND (closed_at IS NULL OR closed_at >= ?)').pluck();
  const outbox = s.prepare('SELECT * FROM sync_outbox WHERE report_date >= ? AND report_date <= ? ORDER BY id');
  const technicians = JSON.stringify(ctx.meta.users.filter((u) => u.role === 'technician').map((u) => u.id));
  const span = (fromDate: string, toDate: string) => ({ from: dayBoundsUtc(DEFAULT_CALENDAR, fromDate).from, to: dayBoundsUtc(DEFAULT_CALENDAR, toDate).to, fromDate, toDate });
  const summary = (fromDate: string, toDate: string) => {
    const b = span(fromDate, toDate);
    return {
      minutes: minutes.all({ techs: technicians, ...b }),
      events: events.all(b.from, b.to),
      received: received.get(fromDate, toDate),
      late: late.get(b.from, b.to),
      openAtEnd: open.get(b.to, b.to),
    };
  };
  return {
    technicianDay: (technicianId: number, date: string) => lines.all({ techs: JSON.stringify([technicianId]), ...span(date, date) }),
    // The day's view also lists where each of its reports stands on the way to head office.
    branchDay: (date: string) => ({ ...summary(date, date), outbox: outbox.all(date, date) }),
  };
}

/** Throws unless the service and the raw statements give the same month: a baseline must answer the same question. */
function assertSameMonth(view: MonthSummaryView, raw: RawMonth): void {
  const rawDays = new Map(raw.days.map((d) => [d.date, d]));
  const differs: string[] = [];
  for (const d of view.days) {
    const r = rawDays.get(d.date)!;
    const state = r.managerSigned ? 'managerSigned' : r.signed ? 'supervisorSigned' : 'unsigned';
    const mine = [d.registered, d.finished, d.takenIn, d.cancelled, d.late, d.feesFen, d.cashFen, d.partsLines, d.openAtDayEnd, d.report, d.sent];
    const theirs = [r.registered, r.finished, r.takenIn, r.cancelled, r.late, r.feesFen, r.cashFen, r.partsLines, r.openAtDayEnd, state, r.sent === 1];
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) differs.push(`${d.date}: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
  }
  const rawRegistered = raw.days.reduce((sum, d) => sum + d.registered, 0);
  if (rawRegistered !== view.totals.registered) differs.push(`registered ${view.totals.registered} vs ${rawRegistered}`);
  for (const t of view.technicians) {
    const r = raw.technicians.find((x) => x.id === t.technician.id)!;
    const mine = [t.onSite, t.takenIn, t.late, t.feesFen, t.labourMinutes, t.adminMinutes];
    const theirs = [r.onSite, r.takenIn, r.late, r.feesFen, r.labourMinutes, r.adminMinutes];
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) differs.push(`${t.technician.code}: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
  }
  if (differs.length > 0) throw new Error(`reports.monthSummary and its raw baseline disagree:\n${differs.slice(0, 5).join('\n')}`);
}

export async function measureReports(ctx: BenchContext, plan: { runs: number; warmup: number }): Promise<Figure[]> {
  const raw = rawReports(ctx);
  const { reportDate, technicianId, month } = ctx.meta.fixtures;
  const figure = async (key: string, label: string, target: string, limitMs: number, service: () => Promise<unknown>, rawFn: () => unknown, p: typeof plan, note?: string): Promise<Figure> => {
    const sv = summarize(await sample(service, p));
    const rw = summarize(await sample(rawFn, p));
    return { key, label, unit: 'ms', service: sv, raw: rw, ratioToRaw: ratio(sv, rw), target, meetsTarget: sv.p95 <= limitMs, ...(note ? { note } : {}) };
  };
  const rawMonth = prepareRawMonth(ctx.app.sqlite);
  const monthKey = month.from.slice(0, 7);
  const today = localDateOf(DEFAULT_CALENDAR, ctx.meta.now);
  assertSameMonth(await ctx.call<MonthSummaryView>('manager', 'reports.monthSummary', { month: monthKey }), rawMonth(monthKey, today));
  return [
    await figure('reports.technicianDay', 'technician day report, compiled', '≤ 10 ms', 10, () => ctx.call('supervisor', 'reports.technicianDay', { date: reportDate, technicianId }), () => raw.technicianDay(technicianId, reportDate), plan),
    await figure('reports.branchDay', 'branch (supervisor) day report, compiled', '≤ 10 ms', 10, () => ctx.call('supervisor', 'reports.supervisorDay', { date: reportDate }), () => raw.branchDay(reportDate), plan),
    await figure(
      'reports.month',
      'month summary (reports.monthSummary)',
      '≤ 100 ms',
      100,
      () => ctx.call('manager', 'reports.monthSummary', { month: monthKey }),
      () => rawMonth(monthKey, today),
      plan,
    ),
  ];
}
