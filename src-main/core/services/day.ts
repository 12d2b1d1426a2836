import type { Handler } from '../operation';
import { selectCallSummaries, toCallSummary } from '../repos/calls';
import { saveCalendar } from '../repos/settings';
import { dayContext } from './day-context';

/** 核对: what is still out, what waits to be closed against a signed voucher, what was not dispatched. */
export const check: Handler<'day.check'> = async (ctx, input) => {
  const { today, nowIso } = await dayContext(ctx);
  const open = await selectCallSummaries(ctx.db)
    .where('calls.business_date', '<=', input.date)
    .where('calls.status', 'in', ['registered', 'dispatched', 'arrived', 'finishedOnSite', 'returned'])
    .orderBy('calls.id')
    .limit(2000)
    .execute();
  const calls = open.map((r) => toCallSummary(r, today, nowIso));
  return {
    date: input.date,
    stillOut: calls.filter((c) => c.status === 'dispatched' || c.status === 'arrived'),
    awaitingClose: calls.filter((c) => c.status === 'finishedOnSite' || c.status === 'returned'),
    notDispatched: calls.filter((c) => c.status === 'registered'),
  };
};

export const getCalendar: Handler<'settings.getCalendar'> = async (ctx) => (await dayContext(ctx)).calendar;

export const setCalendar: Handler<'settings.setCalendar'> = async (ctx, input) => {
  const before = (await dayContext(ctx)).calendar;
  await saveCalendar(ctx.db, input.calendar, ctx.now.toISOString());
  ctx.audit('settings', 'workingCalendar', before, input.calendar);
  return input.calendar;
};
