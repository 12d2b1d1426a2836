import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { parseISO } from 'date-fns/parseISO';
import type { Kysely, NotNull } from 'kysely';
import type { CategoryMinutes, SupervisorReportBody, TechnicianLine } from '../../../src-shared/sync/report-envelope';
import type { WorkingCalendar } from '../../../src-shared/domain/working-calendar';
import type { DB } from '../db/schema';

/** The UTC instants where a branch's business day begins and ends. */
export function dayBoundsUtc(cal: WorkingCalendar, date: string): { from: string; to: string } {
  const start = parseISO(date);
  const next = addDays(start, 1);
  const at = (d: Date) => new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), cal.timeZone).toISOString();
  return { from: new Date(at(start)).toISOString(), to: new Date(at(next)).toISOString() };
}

/** Admin-task kinds as printed on the lines (the benchmark's generator writes the same). */
export const ADMIN_TASK_LABELS: Readonly<Record<string, string>> = {
  training: '培训 training',
  partsHandling: '零件处理 parts handling',
  toolUpkeep: '工具保养 tool upkeep',
  inspection: '检查 inspection',
  other: '其他 other',
};

const minutesBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));

/**
 * One technician's day: repair-card labour started that day, on-site jobs worked that day, and his admin
 * tasks (category D), in time order. Each line carries its category and minutes.
 */
export async function compileTechnicianLines(db: Kysely<DB>, cal: WorkingCalendar, technicianId: number, date: string): Promise<TechnicianLine[]> {
  return (await compileTechniciansLines(db, cal, [technicianId], date)).get(technicianId) ?? [];
}

/**
 * The days of several technicians at once, in three queries whatever their number (the benchmark's
 * generator compiles every technician of every day of a decade with it).
 */
export async function compileTechniciansLines(db: Kysely<DB>, cal: WorkingCalendar, technicianIds: readonly number[], date: string): Promise<Map<number, TechnicianLine[]>> {
  const byTechnician = new Map<number, Array<{ at: string; line: TechnicianLine }>>();
  if (technicianIds.length === 0) return new Map();
  const ids = [...technicianIds];
  const { from, to } = dayBoundsUtc(cal, date);
  const labour = await db
    .selectFrom('repair_labour as l')
    .innerJoin('repair_cards as rc', 'rc.id', 'l.card_id')
    .innerJoin('calls as c', 'c.id', 'rc.call_id')
    .select(['l.technician_id as technicianId', 'l.started_at as at', 'l.minutes', 'l.note', 'c.number', 'c.category', 'c.fault'])
    .where('l.technician_id', 'in', ids)
    .where('l.started_at', '>=', from)
    .where('l.started_at', '<', to)
    .execute();
  const onSite = await db
    .selectFrom('calls')
    .select(['technician_id as technicianId', 'work_started_at', 'work_ended_at', 'number', 'category', 'work_done'])
    .where('technician_id', 'in', ids)
    .where('work_started_at', '>=', from)
    .where('work_started_at', '<', to)
    .execute();
  const tasks = await db.selectFrom('admin_tasks').selectAll().where('technician_id', 'in', ids).where('business_date', '=', date).orderBy('id').execute();
  const add = (technicianId: number | null, at: string, line: TechnicianLine) => {
    if (technicianId === null) return;
    const lines = byTechnician.get(technicianId) ?? [];
    lines.push({ at, line });
    byTechnician.set(technicianId, lines);
  };
  for (const l of labour) add(l.technicianId, l.at, { category: l.category, minutes: l.minutes, callNumber: l.number, description: l.note || l.fault });
  for (const c of onSite) add(c.technicianId, c.work_started_at!, { category: c.category, minutes: minutesBetween(c.work_started_at!, c.work_ended_at!), callNumber: c.number, description: c.work_done ?? '' });
  for (const t of tasks) add(t.technician_id, t.created_at, { category: 'D', minutes: t.minutes, callNumber: null, description: [ADMIN_TASK_LABELS[t.kind], t.note].filter(Boolean).join(' · ') });
  // Stable sort: lines at the same instant keep labour, on-site, task order as before.
  return new Map([...byTechnician].map(([id, timed]) => [id, timed.sort((a, b) => a.at.localeCompare(b.at)).map((t) => t.line)]));
}

/**
 * Which of these technicians have anything on that day (repair labour, an on-site job, an admin task):
 * the branch's day needs to know who still has to confirm, not his lines. Each part is answered from an
 * index alone (technician and time), without reading a call or a card.
 */
export async function techniciansWithWork(db: Kysely<DB>, cal: WorkingCalendar, technicianIds: readonly number[], date: string): Promise<Set<number>> {
  if (technicianIds.length === 0) return new Set();
  const ids = [...technicianIds];
  const { from, to } = dayBoundsUtc(cal, date);
  const rows = await db
    .selectFrom('repair_labour')
    .select('technician_id')
    .where('technician_id', 'in', ids)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .union(
      db
        .selectFrom('calls')
        .select('technician_id')
        .where('technician_id', 'in', ids)
        .where('work_started_at', '>=', from)
        .where('work_started_at', '<', to)
        // 'in ids' leaves no call without a technician.
        .$narrowType<{ technician_id: NotNull }>(),
    )
    .union(db.selectFrom('admin_tasks').select('technician_id').where('technician_id', 'in', ids).where('business_date', '=', date))
    .execute();
  return new Set(rows.map((r) => r.technician_id));
}

/** Minutes per category A-D: the sums of the lines, nothing else (head office checks the same rule). */
export function sumByCategory(lines: ReadonlyArray<{ category: 'A' | 'B' | 'C' | 'D'; minutes: number }>): CategoryMinutes {
  const totals: CategoryMinutes = { A: 0, B: 0, C: 0, D: 0 };
  for (const line of lines) totals[line.category] += line.minutes;
  return totals;
}

/** The day's counts of the call-log book for the supervisor report. */
export async function compileDayCounts(db: Kysely<DB>, cal: WorkingCalendar, date: string): Promise<SupervisorReportBody['counts']> {
  const { from, to } = dayBoundsUtc(cal, date);
  const events = await db
    .selectFrom('call_events')
    .select((eb) => ['event', eb.fn.count<number>('id').as('n')])
    .where('at', '>=', from)
    .where('at', '<', to)
    .where('event', 'in', ['dispatched', 'finishedOnSite', 'takenIn', 'returned'])
    .groupBy('event')
    .execute();
  const count = (event: string) => Number(events.find((e) => e.event === event)?.n ?? 0);
  const received = await db.selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).where('business_date', '=', date).executeTakeFirstOrThrow();
  const late = await db
    .selectFrom('calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('is_late', '=', 1)
    .where('arrived_at', '>=', from)
    .where('arrived_at', '<', to)
    .executeTakeFirstOrThrow();
  const open = await db
    .selectFrom('calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('called_at', '<', to)
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', to)]))
    .executeTakeFirstOrThrow();
  return {
    received: Number(received.n),
    dispatched: count('dispatched'),
    finishedOnSite: count('finishedOnSite'),
    takenIn: count('takenIn'),
    returned: count('returned'),
    late: Number(late.n),
    openAtDayEnd: Number(open.n),
  };
}
