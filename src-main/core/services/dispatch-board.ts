import { sql } from 'kysely';
import { workingMinutesFromMany } from '../../../src-shared/domain/working-hours';
import type { Handler, OpContext } from '../operation';
import { carriedOverSql, loadCallSummaryRows, toCallSummary } from '../repos/calls';
import { dayContext } from './day-context';

export async function technicianLoads(ctx: OpContext) {
  const rows = await ctx.db
    .selectFrom('users')
    .leftJoin('calls', (join) => join.onRef('calls.technician_id', '=', 'users.id').on('calls.status', 'in', ['dispatched', 'arrived']))
    .select((eb) => ['users.id', 'users.username', 'users.display_name', eb.fn.count<number>('calls.id').as('open_calls')])
    .where('users.role', '=', 'technician')
    .where('users.is_active', '=', 1)
    .groupBy('users.id')
    .orderBy('users.display_name')
    .execute();
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
