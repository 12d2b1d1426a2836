import type { MonthDayRow, MonthSummaryView, MonthTechnicianRow } from '../../../src-shared/contract/reports';
import { isWorkingDay } from '../../../src-shared/domain/working-hours';
import type { Handler } from '../operation';
import { dayBoundsUtc } from '../repos/report-compiler';
import { monthDays, openAt, registeredByDay, reportStates, technicianMonths, type DayBounds } from '../repos/month-summary';
import { dayContext } from './day-context';

type Totals = MonthSummaryView['totals'];

/** Every calendar day of a 'yyyy-MM' month, 'yyyy-MM-dd'. */
function datesOf(month: string): string[] {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const length = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from({ length }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

const emptyDay = (date: string, isWorking: boolean): MonthDayRow => ({
  date,
  isWorkingDay: isWorking,
  registered: 0,
  finished: 0,
  takenIn: 0,
  cancelled: 0,
  openAtDayEnd: null,
  late: 0,
  feesFen: 0,
  cashFen: 0,
  partsLines: 0,
  report: 'unsigned',
  sent: false,
});

const emptyTechnician = (technician: MonthTechnicianRow['technician']): MonthTechnicianRow => ({
  technician,
  jobs: 0,
  onSite: 0,
  takenIn: 0,
  labourMinutes: 0,
  adminMinutes: 0,
  late: 0,
  feesFen: 0,
});

const emptyTotals = (workingDays: number): Totals => ({
  registered: 0,
  finished: 0,
  finishedByCategory: { A: 0, B: 0, C: 0 },
  onSite: 0,
  takenIn: 0,
  cancelled: 0,
  late: 0,
  feesFen: 0,
  cashFen: 0,
  partsLines: 0,
  labourMinutes: 0,
  adminMinutes: 0,
  openAtEnd: null,
  workingDays,
  daysSupervisorSigned: 0,
  daysManagerSigned: 0,
  daysSent: 0,
});

/** A day row shows in the month when it is a working day or when anything happened on it. */
function hasActivity(day: MonthDayRow): boolean {
  return day.registered + day.finished + day.takenIn + day.cancelled + day.late > 0 || day.report !== 'unsigned';
}

/**
 * The days' counts from the books (jobs finished with fees and parts, take-ins, cancellations, late
 * arrivals, registrations) into the rows; returns each day's closings for the open-calls walk.
 */
async function fillDays(db: Parameters<typeof openAt>[0], days: Map<string, MonthDayRow>, bounds: DayBounds[], totals: Totals): Promise<Map<string, number>> {
  const closed = new Map<string, number>();
  for (const d of await monthDays(db, bounds)) {
    Object.assign(days.get(d.date)!, { finished: d.finished, feesFen: d.feesFen, cashFen: d.cashFen, partsLines: d.partsLines, takenIn: d.takenIn, cancelled: d.cancelled, late: d.late });
    totals.finishedByCategory.A += d.a;
    totals.finishedByCategory.B += d.b;
    totals.finishedByCategory.C += d.finished - d.a - d.b;
    closed.set(d.date, d.closed);
  }
  for (const r of await registeredByDay(db, bounds[0]![0], bounds[bounds.length - 1]![0])) days.get(r.date)!.registered = r.n;
  return closed;
}

/** The month's totals that are sums of its days. */
function addDays(totals: Totals, days: Iterable<MonthDayRow>): void {
  for (const day of days) {
    totals.registered += day.registered;
    totals.finished += day.finished;
    totals.takenIn += day.takenIn;
    totals.cancelled += day.cancelled;
    totals.late += day.late;
    totals.feesFen += day.feesFen;
    totals.cashFen += day.cashFen;
    totals.partsLines += day.partsLines;
    if (day.report !== 'unsigned') totals.daysSupervisorSigned++;
    if (day.report === 'managerSigned') totals.daysManagerSigned++;
    if (day.sent) totals.daysSent++;
  }
}

/**
 * 月度汇总 (reports.monthSummary): the month's days, technicians and totals from the books. Days after
 * the branch's today have no 'open at day end' (it is not known yet); the month's open count is taken
 * at its last day's end, or at today's end in the current month. Read-only.
 */
export const monthSummary: Handler<'reports.monthSummary'> = async (ctx, input) => {
  const { calendar, today } = await dayContext(ctx);
  const dates = datesOf(input.month);
  const bounds: DayBounds[] = dates.map((date) => {
    const { from, to } = dayBoundsUtc(calendar, date);
    return [date, from, to];
  });
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const days = new Map(dates.map((date) => [date, emptyDay(date, isWorkingDay(calendar, date))]));
  const technicians = await ctx.db.selectFrom('users').select(['id', 'username', 'display_name']).where('role', '=', 'technician').orderBy('display_name').execute();
  const perTechnician = new Map(technicians.map((t) => [t.id, emptyTechnician({ id: t.id, code: t.username, name: t.display_name })]));
  const totals = emptyTotals([...days.values()].filter((d) => d.isWorkingDay).length);

  const closed = await fillDays(ctx.db, days, bounds, totals);
  for (const m of await technicianMonths(ctx.db, [...perTechnician.keys()], { first, last, fromUtc: bounds[0]![1], toUtc: bounds[bounds.length - 1]![2] })) {
    const technician = perTechnician.get(m.technicianId);
    if (technician) Object.assign(technician, { feesFen: m.feesFen, takenIn: m.takenIn, late: m.late, onSite: m.onSite, labourMinutes: m.labourMinutes, adminMinutes: m.adminMinutes });
  }
  for (const s of await reportStates(ctx.db, first, last)) {
    const day = days.get(s.date)!;
    day.report = s.managerSigned ? 'managerSigned' : 'supervisorSigned';
    day.sent = s.sent;
  }
  totals.openAtEnd = await fillOpenAtDayEnd(ctx.db, days, bounds, closed, today);

  addDays(totals, days.values());
  const technicianRows = [...perTechnician.values()]
    .map((t) => ({ ...t, jobs: t.onSite + t.takenIn }))
    .filter((t) => t.jobs + t.labourMinutes + t.adminMinutes + t.late + t.feesFen > 0);
  for (const t of technicianRows) {
    totals.onSite += t.onSite;
    totals.labourMinutes += t.labourMinutes;
    totals.adminMinutes += t.adminMinutes;
  }
  return {
    month: input.month,
    days: [...days.values()].filter((d) => d.isWorkingDay || hasActivity(d)),
    technicians: technicianRows,
    totals,
  };
};

/**
 * Open calls at each day's end up to today, from one count at the last such day's end walked back by
 * the days' registrations and closings (open(d-1) = open(d) - registered(d) + closed(d)): one indexed
 * count instead of one per day. Returns the month's last known figure (null for a month to come).
 */
async function fillOpenAtDayEnd(db: Parameters<typeof openAt>[0], byDate: Map<string, MonthDayRow>, bounds: DayBounds[], closed: Map<string, number>, today: string): Promise<number | null> {
  const known = bounds.filter(([date]) => date <= today);
  if (known.length === 0) return null;
  let open = await openAt(db, known[known.length - 1]![2]);
  const atEnd = open;
  for (let i = known.length - 1; i >= 0; i--) {
    const day = byDate.get(known[i]![0])!;
    day.openAtDayEnd = open;
    open = open - day.registered + (closed.get(day.date) ?? 0);
  }
  return atEnd;
}
