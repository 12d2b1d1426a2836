import type { CashHandoverView, CashierLine, CashOutstanding } from '../../../src-shared/contract/day';
import { localDateOf } from '../../../src-shared/domain/working-calendar';
import { conflict, notFound } from '../app-error';
import type { Handler, OpContext } from '../operation';
import { signedIn } from '../operation';
import { fieldError } from './call-guards';
import { dayContext } from './day-context';

/** Paid work finished on a business day (on site, or goods returned), with the handover of its cash. */
async function paidLines(ctx: OpContext, date: string): Promise<CashierLine[]> {
  const { calendar } = await dayContext(ctx);
  const rows = await ctx.db
    .selectFrom('calls')
    .innerJoin('customers', 'customers.id', 'calls.customer_id')
    .leftJoin('users as tech', 'tech.id', 'calls.technician_id')
    .leftJoin('cash_handover_jobs', 'cash_handover_jobs.call_id', 'calls.id')
    .select(['calls.id', 'calls.number', 'customers.name', 'calls.technician_id', 'tech.display_name', 'calls.finished_at', 'calls.labour_fee_fen', 'calls.parts_fee_fen', 'calls.payment', 'cash_handover_jobs.handover_id'])
    .where('calls.payment', 'is not', null)
    .where('calls.finished_at', 'is not', null)
    // A two-day window in UTC, then the branch's own business day decides.
    .where('calls.finished_at', '>=', new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString())
    .where('calls.finished_at', '<', new Date(Date.parse(`${date}T00:00:00Z`) + 2 * 86_400_000).toISOString())
    // Jobs finished at the same instant keep the order they were registered in, whichever index is read.
    .orderBy('calls.finished_at')
    .orderBy('calls.id')
    .execute();
  return rows
    .filter((r) => localDateOf(calendar, r.finished_at!) === date)
    .map((r) => ({
      callId: r.id,
      callNumber: r.number,
      customerName: r.name,
      technicianId: r.technician_id,
      technicianName: r.display_name,
      at: r.finished_at!,
      labourFeeFen: r.labour_fee_fen,
      partsFeeFen: r.parts_fee_fen,
      totalFen: r.labour_fee_fen + r.parts_fee_fen,
      payment: r.payment!,
      handoverId: r.handover_id,
    }));
}

async function handoversOf(ctx: OpContext, where: { date: string } | { id: number }): Promise<CashHandoverView[]> {
  let query = ctx.db
    .selectFrom('cash_handovers as h')
    .innerJoin('users as tech', 'tech.id', 'h.technician_id')
    .innerJoin('users as cashier', 'cashier.id', 'h.received_by')
    .select(['h.id', 'h.business_date', 'h.technician_id', 'tech.display_name as technician_name', 'h.expected_fen', 'h.received_fen', 'h.note', 'cashier.display_name as cashier_name', 'h.received_at'])
    .orderBy('h.id');
  query = 'id' in where ? query.where('h.id', '=', where.id) : query.where('h.business_date', '=', where.date);
  const handovers = await query.execute();
  if (handovers.length === 0) return [];
  const jobs = await ctx.db
    .selectFrom('cash_handover_jobs as j')
    .innerJoin('calls', 'calls.id', 'j.call_id')
    .select(['j.handover_id', 'j.call_id', 'calls.number', 'j.amount_fen'])
    .where(
      'j.handover_id',
      'in',
      handovers.map((h) => h.id),
    )
    .orderBy('calls.id')
    .execute();
  return handovers.map((h) => ({
    id: h.id,
    date: h.business_date,
    technicianId: h.technician_id,
    technicianName: h.technician_name,
    expectedFen: h.expected_fen,
    receivedFen: h.received_fen,
    differenceFen: h.received_fen - h.expected_fen,
    note: h.note,
    receivedByName: h.cashier_name,
    receivedAt: h.received_at,
    jobs: jobs.filter((j) => j.handover_id === h.id).map((j) => ({ callId: j.call_id, callNumber: j.number, amountFen: j.amount_fen })),
  }));
}

/** Cash of the day still with each technician: his cash jobs not yet in a handover. */
function outstandingOf(cash: CashierLine[]): CashOutstanding[] {
  const byTechnician = new Map<number, CashOutstanding>();
  for (const line of cash) {
    if (line.handoverId !== null || line.technicianId === null) continue;
    const entry = byTechnician.get(line.technicianId) ?? { technicianId: line.technicianId, technicianName: line.technicianName ?? '', amountFen: 0, jobs: 0 };
    entry.amountFen += line.totalFen;
    entry.jobs += 1;
    byTechnician.set(line.technicianId, entry);
  }
  return [...byTechnician.values()];
}

/** The cashier's day: cash collected on site (handed over or still out), jobs to invoice, the handovers. */
export const cashierDay: Handler<'cashier.day'> = async (ctx, input) => {
  const lines = await paidLines(ctx, input.date);
  const cash = lines.filter((l) => l.payment === 'cash');
  const toInvoice = lines.filter((l) => l.payment === 'invoice');
  const sum = (ls: CashierLine[]) => ls.reduce((s, l) => s + l.totalFen, 0);
  return {
    date: input.date,
    cash,
    toInvoice,
    cashTotalFen: sum(cash),
    invoiceTotalFen: sum(toInvoice),
    outstanding: outstandingOf(cash),
    handovers: await handoversOf(ctx, { date: input.date }),
  };
};

/**
 * 交款: the technician hands over his cash of the day. Every cash job of his that day not yet handed
 * over goes into this one record, with what the cashier counted; a difference must be explained.
 */
export const recordHandover: Handler<'cashier.recordHandover'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const technician = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', input.technicianId).where('role', '=', 'technician').executeTakeFirst();
  if (!technician) throw notFound('technician');
  const jobs = (await paidLines(ctx, input.date)).filter((l) => l.payment === 'cash' && l.technicianId === technician.id && l.handoverId === null);
  if (jobs.length === 0) throw conflict('reasons.nothingToHandOver', { name: technician.display_name, date: input.date });
  const expectedFen = jobs.reduce((s, j) => s + j.totalFen, 0);
  const note = input.note?.trim() ? input.note.trim() : null;
  if (input.receivedFen !== expectedFen && !note) throw fieldError('note', 'validation.handoverDifferenceNote');

  const { id } = await ctx.db
    .insertInto('cash_handovers')
    .values({ business_date: input.date, technician_id: technician.id, expected_fen: expectedFen, received_fen: input.receivedFen, note, received_by: session.userId, received_at: ctx.now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('cash_handover_jobs')
    .values(jobs.map((j) => ({ handover_id: id, call_id: j.callId, amount_fen: j.totalFen })))
    .execute();
  const [view] = await handoversOf(ctx, { id });
  ctx.audit('cashHandover', String(id), null, { technician: technician.display_name, date: input.date, expectedFen, receivedFen: input.receivedFen, note, calls: jobs.map((j) => j.callNumber) });
  return view!;
};
