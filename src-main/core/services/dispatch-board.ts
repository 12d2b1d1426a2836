import { workingMinutesFromMany } from '../../../src-shared/domain/working-hours';
import type { Handler, OpContext } from '../operation';
import { selectCallSummaries, toCallSummary } from '../repos/calls';
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

/** Waiting for a technician or for his arrival; carried-over calls first, then the nearest deadline. */
export const board: Handler<'calls.dispatchBoard'> = async (ctx) => {
  const { calendar, today, nowIso } = await dayContext(ctx);
  const rows = await selectCallSummaries(ctx.db).where('calls.status', 'in', ['registered', 'dispatched']).orderBy('calls.deadline_at').limit(500).execute();
  const countFrom = new Date(ctx.now.getTime() - LATENESS_COUNTED_MS).toISOString();
  const minutesLeft = workingMinutesFromMany(
    calendar,
    nowIso,
    rows.map((r) => (r.deadline_at < countFrom ? countFrom : r.deadline_at)),
  );
  const calls = rows.map((r, i) => ({ ...toCallSummary(r, today, nowIso), workingMinutesLeft: Math.round(minutesLeft[i]!) }));
  calls.sort((a, b) => Number(b.carriedOver) - Number(a.carriedOver) || a.deadlineAt.localeCompare(b.deadlineAt));
  return { calls, technicians: await technicianLoads(ctx) };
};

