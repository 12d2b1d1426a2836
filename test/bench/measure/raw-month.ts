import type Database from 'better-sqlite3';
import { DEFAULT_CALENDAR } from '../../../src-shared/domain/working-calendar';
import { dayBoundsUtc } from '../../../src-main/core/repos/report-compiler';

/**
 * The raw baseline of reports.monthSummary: the same aggregates as hand-written statements prepared
 * once on the app's connection (rows as arrays), folded into the same numbers with plain loops. The
 * product's SQL is already index-driven (each day's range sought in the covering indexes of migration
 * 0009 and the event and closed-at indexes), so the raw side runs the same shape and the ratio is the
 * cost of everything around it: router, validation, transaction, Kysely, the day bounds, mapping.
 */

const DAYS = `WITH days(date, from_at, to_at) AS (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(:days))`;

export interface RawMonth {
  days: Array<{ date: string; registered: number; finished: number; takenIn: number; cancelled: number; late: number; feesFen: number; cashFen: number; partsLines: number; openAtDayEnd: number | null; signed: number; managerSigned: number; sent: number }>;
  technicians: Array<{ id: number; onSite: number; takenIn: number; late: number; feesFen: number; labourMinutes: number; adminMinutes: number }>;
}

const FEE = 'c.labour_fee_fen + c.parts_fee_fen';
const IN_DAY = (column: string) => `${column} >= days.from_at AND ${column} < days.to_at`;
const IN_MONTH = (column: string) => `${column} >= :from AND ${column} < :to`;

export function prepareRawMonth(sqlite: Database.Database) {
  const perDay = sqlite.prepare(`${DAYS}
    SELECT days.date,
      (SELECT json_array(count(*), sum(${FEE}), sum(iif(c.payment = 'cash', ${FEE}, 0)), sum((SELECT count(*) FROM onsite_parts p WHERE p.call_id = c.id)))
         FROM calls c WHERE ${IN_DAY('c.finished_at')}),
      (SELECT count(*) FROM call_events e JOIN repair_cards rc ON rc.call_id = e.call_id JOIN repair_parts rp ON rp.card_id = rc.id WHERE e.event = 'returned' AND ${IN_DAY('e.at')}),
      (SELECT count(*) FROM call_events e WHERE e.event = 'takenIn' AND ${IN_DAY('e.at')}),
      (SELECT count(*) FROM call_events e WHERE e.event = 'cancelled' AND ${IN_DAY('e.at')}),
      (SELECT count(*) FROM calls c WHERE c.is_late = 1 AND ${IN_DAY('c.arrived_at')}),
      (SELECT count(*) FROM calls c WHERE ${IN_DAY('c.closed_at')})
    FROM days`).raw();
  const registered = sqlite.prepare('SELECT business_date, count(*) FROM calls WHERE business_date >= ? AND business_date <= ? GROUP BY business_date').raw();
  const openAt = sqlite.prepare('SELECT count(*) FROM calls WHERE called_at < ? AND (closed_at IS NULL OR closed_at >= ?)').pluck();
  const perTechnician = sqlite.prepare(`
    SELECT t.value,
      (SELECT count(*) FROM goods_ledger g WHERE g.brought_by = t.value AND g.date_in >= :first AND g.date_in <= :last),
      (SELECT count(*) FROM calls c WHERE c.technician_id = t.value AND c.is_late = 1 AND ${IN_MONTH('c.arrived_at')}),
      (SELECT count(*) FROM calls c WHERE c.technician_id = t.value AND ${IN_MONTH('c.work_started_at')}),
      (SELECT sum(max(0, CAST(round((julianday(c.work_ended_at) - julianday(c.work_started_at)) * 1440) AS INTEGER))) FROM calls c WHERE c.technician_id = t.value AND ${IN_MONTH('c.work_started_at')}),
      (SELECT sum(l.minutes) FROM repair_labour l WHERE l.technician_id = t.value AND ${IN_MONTH('l.started_at')}),
      (SELECT sum(a.minutes) FROM admin_tasks a WHERE a.technician_id = t.value AND a.business_date >= :first AND a.business_date <= :last)
    FROM json_each(:techs) t`).raw();
  const fees = sqlite.prepare(`SELECT c.technician_id, sum(${FEE}) FROM calls c WHERE ${IN_MONTH('c.finished_at')} AND c.technician_id IS NOT NULL GROUP BY c.technician_id`).raw();
  const reports = sqlite.prepare(`SELECT d.business_date, d.manager_signed_at IS NOT NULL,
      EXISTS (SELECT 1 FROM sync_outbox o WHERE o.kind = 'supervisor' AND o.report_date = d.business_date AND o.revision = d.revision AND o.sent_at IS NOT NULL)
    FROM supervisor_days d WHERE d.business_date >= ? AND d.business_date <= ? AND d.revision = (SELECT max(revision) FROM supervisor_days l WHERE l.business_date = d.business_date)`).raw();
  const technicianIds = sqlite.prepare("SELECT id FROM users WHERE role = 'technician'").pluck();

  return (month: string, today: string): RawMonth => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const bounds = Array.from({ length }, (_, i) => {
      const date = `${month}-${String(i + 1).padStart(2, '0')}`;
      const { from, to } = dayBoundsUtc(DEFAULT_CALENDAR, date);
      return [date, from, to] as const;
    });
    const first = bounds[0]![0];
    const last = bounds[length - 1]![0];
    const days = new Map<string, RawMonth['days'][number]>();
    const closedOn = new Map<string, number>();
    for (const [date, finishing, returnedParts, takenIn, cancelled, late, closed] of perDay.all({ days: JSON.stringify(bounds) }) as Array<[string, string, number, number, number, number, number]>) {
      const [finished, feesFen, cashFen, parts] = (JSON.parse(finishing) as Array<number | null>).map((n) => n ?? 0) as number[];
      days.set(date, { date, registered: 0, finished: finished!, takenIn, cancelled, late, feesFen: feesFen!, cashFen: cashFen!, partsLines: parts! + returnedParts, openAtDayEnd: null, signed: 0, managerSigned: 0, sent: 0 });
      closedOn.set(date, closed);
    }
    for (const [date, n] of registered.all(first, last) as Array<[string, number]>) days.get(date)!.registered = n;
    for (const [date, managerSigned, sent] of reports.all(first, last) as Array<[string, number, number]>) Object.assign(days.get(date)!, { signed: 1, managerSigned, sent });
    const known = bounds.filter(([date]) => date <= today);
    if (known.length > 0) {
      const end = known[known.length - 1]![2];
      let open = openAt.get(end, end) as number;
      for (let i = known.length - 1; i >= 0; i--) {
        const day = days.get(known[i]![0])!;
        day.openAtDayEnd = open;
        open = open - day.registered + closedOn.get(day.date)!;
      }
    }
    const range = { techs: JSON.stringify(technicianIds.all()), from: bounds[0]![1], to: bounds[length - 1]![2], first, last };
    const feesOf = new Map(fees.all({ from: range.from, to: range.to }) as Array<[number, number]>);
    const technicians = (perTechnician.all(range) as Array<[number, number, number, number, number | null, number | null, number | null]>).map(([id, takenIn, late, onSite, onSiteMinutes, labour, admin]) => ({
      id,
      onSite,
      takenIn,
      late,
      feesFen: feesOf.get(id) ?? 0,
      labourMinutes: (onSiteMinutes ?? 0) + (labour ?? 0),
      adminMinutes: admin ?? 0,
    }));
    return { days: [...days.values()], technicians };
  };
}
