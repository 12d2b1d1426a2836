import type { CashierLine } from '../../../src-shared/contract/day';
import { localDateOf } from '../../../src-shared/domain/working-calendar';
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

/** Paid work finished that day (on site, or goods returned): cash to hand over and jobs to invoice. */
export const cashierDay: Handler<'cashier.day'> = async (ctx, input) => {
  const { calendar } = await dayContext(ctx);
  const rows = await ctx.db
    .selectFrom('calls')
    .innerJoin('customers', 'customers.id', 'calls.customer_id')
    .leftJoin('users as tech', 'tech.id', 'calls.technician_id')
    .select(['calls.id', 'calls.number', 'customers.name', 'tech.display_name', 'calls.finished_at', 'calls.labour_fee_fen', 'calls.parts_fee_fen', 'calls.payment'])
    .where('calls.payment', 'is not', null)
    .where('calls.finished_at', 'is not', null)
    // A two-day window in UTC, then the branch's own business day decides.
    .where('calls.finished_at', '>=', new Date(Date.parse(`${input.date}T00:00:00Z`) - 86_400_000).toISOString())
    .where('calls.finished_at', '<', new Date(Date.parse(`${input.date}T00:00:00Z`) + 2 * 86_400_000).toISOString())
    .orderBy('calls.finished_at')
    .execute();
  const lines: CashierLine[] = rows
    .filter((r) => localDateOf(calendar, r.finished_at!) === input.date)
    .map((r) => ({
      callId: r.id,
      callNumber: r.number,
      customerName: r.name,
      technicianName: r.display_name,
      at: r.finished_at!,
      labourFeeFen: r.labour_fee_fen,
      partsFeeFen: r.parts_fee_fen,
      totalFen: r.labour_fee_fen + r.parts_fee_fen,
      payment: r.payment!,
    }));
  const cash = lines.filter((l) => l.payment === 'cash');
  const toInvoice = lines.filter((l) => l.payment === 'invoice');
  const sum = (ls: CashierLine[]) => ls.reduce((s, l) => s + l.totalFen, 0);
  return { date: input.date, cash, toInvoice, cashTotalFen: sum(cash), invoiceTotalFen: sum(toInvoice) };
};

export const getCalendar: Handler<'settings.getCalendar'> = async (ctx) => (await dayContext(ctx)).calendar;

export const setCalendar: Handler<'settings.setCalendar'> = async (ctx, input) => {
  const before = (await dayContext(ctx)).calendar;
  await saveCalendar(ctx.db, input.calendar, ctx.now.toISOString());
  ctx.audit('settings', 'workingCalendar', before, input.calendar);
  return input.calendar;
};
