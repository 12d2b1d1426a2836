import { sql } from 'kysely';
import { workingMinutesFromMany } from '../../../src-shared/domain/working-hours';
import type { Handler, OpContext } from '../operation';
import { carriedOverSql, loadCallSummaryRows, toCallSummary } from '../repos/calls';
import { dayContext } from './day-context';

/** Each active technician and how many calls he has out (dispatched or arrived), by name. */
export async function technicianLoads(ctx: OpContext) {
  // In SQL rather than Kysely's builder: every board refresh (each 30 s on every supervisor's screen) runs it.
  const { rows } = await sql<{ id: number; username: string; display_name: string; open_calls: number }>`
    SELECT users.id, users.username, users.display_name, count(calls.id) AS open_calls
    FROM users LEFT JOIN calls ON calls.technician_id = users.id AND calls.status IN ('dispatched', 'arrived')
    WHERE users.role = 'technician' AND users.is_active = 1
    GROUP BY users.id ORDER BY users.display_name`.execute(ctx.db);
  return rows.map((r) => ({ id: r.id, username: r.username, name: r.display_name, openCalls: Number(r.open_calls) }));
}

export const technicians: Handler<'technicians.list'> = (ctx) => technicianLoads(ctx);

/**
 * How far back the board counts working minutes of lateness. Counting walks the calendar day by day,
 * and a call forgotten for years would cost tens of milliseconds on every refresh; past a week it is
 * simply very late (the board shows 'late' whatever the amount, and sorts by the deadline itself).
 */
const LATENESS_COUNTED_MS = 7 * 86_400_000;


/**
 * Waiting for a technician or for his arrival; carried-over calls first, then the nearest deadline, a
 * page at a time. In two steps: the page's ids in board order from the calls table alone (through the
 * status and deadline index), then the page's summaries and countdowns only. Joining and counting down
 * every waiting call to show fifty made the board's answer ten times what the screen shows.
 */
export const board: Handler<'calls.dispatchBoard'> = async (ctx, input) => {
  const { calendar, today, nowIso } = await dayContext(ctx);
  const pageIds = (
    await sql<{ id: number }>`
      SELECT id FROM calls WHERE status IN ('registered', 'dispatched')
      ORDER BY ${carriedOverSql(today)} DESC, deadline_at, id LIMIT ${input.limit} OFFSET ${input.offset}`.execute(ctx.db)
  ).rows.map((row) => row.id);
  const total = (await sql<{ waiting: number }>`SELECT count(*) AS waiting FROM calls WHERE status IN ('registered', 'dispatched')`.execute(ctx.db)).rows[0]!.waiting;
  const page = await loadCallSummaryRows(ctx.db, pageIds);
  const countFrom = new Date(ctx.now.getTime() - LATENESS_COUNTED_MS).toISOString();
  const minutesLeft = workingMinutesFromMany(
    calendar,
    nowIso,
    page.map((r) => (r.deadline_at < countFrom ? countFrom : r.deadline_at)),
  );
  const calls = page.map((r, i) => ({ ...toCallSummary(r, today, nowIso), workingMinutesLeft: Math.round(minutesLeft[i]!) }));
  return { calls, total, offset: input.offset, technicians: await technicianLoads(ctx) };
};
