import type { ParsedInputOf } from '../../../src-shared/contract';
import { proposeCategory as propose } from '../../../src-shared/domain/categories';
import { OPEN_STATUSES } from '../../../src-shared/domain/call-states';
import { promisedArrival } from '../../../src-shared/domain/working-hours';
import { AppError, notFound } from '../app-error';
import type { Handler, OpContext } from '../operation';
import { signedIn } from '../operation';
import { bookNumber, nextSeq } from '../repos/book-counters';
import { findBranch } from '../repos/branch';
import { addCallEvent, findCallIdByRequestId, insertRegisteredCall, loadCallSummaryRows, toCallDetail, toCallSummary } from '../repos/calls';
import { findCustomerForCall, insertCustomer, insertProduct, loadProductView, searchCustomerIds } from '../repos/customers';
import { findUserById } from '../repos/users';
import { beginCallAction, callDetail, fieldError, requireCall } from './call-guards';
import { dayContext } from './day-context';


/** The call's customer and product, each created first when new. The product must be the customer's. */
async function customerAndProduct(ctx: OpContext, input: ParsedInputOf<'calls.register'>, at: string) {
  // A new customer with a new product is indexed for search once, when the product is added.
  const customerId = 'id' in input.customer ? input.customer.id : await insertCustomer(ctx.db, input.customer.new, at, { index: 'id' in input.product });
  const customer = await findCustomerForCall(ctx.db, customerId);
  if (!customer) throw notFound('customer');
  const productId = 'id' in input.product ? input.product.id : await insertProduct(ctx.db, customerId, input.product.new, at);
  const product = await loadProductView(ctx.db, productId);
  if (product?.customerId !== customerId) throw fieldError('product.id', 'validation.productNotOfCustomer');
  return { customer, product };
}

/**
 * 叫修登记: number the call, propose its category, fix its promised arrival. The reply is built from
 * what this operation just read and wrote (a new call has no receipt, card or voucher entries yet)
 * rather than read back with joins; test/integration/core-flow/register-call.test.ts holds it equal to
 * calls.get. A retried client request id returns the first call.
 */
export const register: Handler<'calls.register'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const repeated = await findCallIdByRequestId(ctx.db, input.clientRequestId);
  if (repeated !== undefined) return callDetail(ctx, repeated);

  const day = await dayContext(ctx);
  const at = day.nowIso;
  const { customer, product } = await customerAndProduct(ctx, input, at);
  const proposal = propose({ purchaseDate: product.purchaseDate, warrantyMonths: product.warrantyMonths, exclusions: product.exclusions, contract: product.contract }, day.today);
  const category = input.category ?? proposal.category;
  const overridden = category !== proposal.category;
  if (overridden && !input.overrideReason) throw fieldError('overrideReason', 'validation.overrideReasonRequired');

  const branch = (await findBranch(ctx.db))!;
  const year = Number(day.today.slice(0, 4));
  const seq = await nextSeq(ctx.db, 'calls', year);
  const call = await insertRegisteredCall(ctx.db, {
    number: bookNumber(branch.code, 'calls', year, seq),
    year,
    seq,
    customer_id: customer.id,
    product_id: product.id,
    fault: input.fault,
    category,
    proposed_category: proposal.category,
    override_reason: overridden ? input.overrideReason! : null,
    district: customer.district,
    called_at: at,
    business_date: day.today,
    deadline_at: promisedArrival(day.calendar, at, customer.district),
    client_request_id: input.clientRequestId,
    created_by: session.userId,
  });
  const events = [await addCallEvent(ctx.db, call.id, session.userId, at, 'registered', { category, proposedCategory: proposal.category, reason: proposal.reason })];
  if (overridden) events.push(await addCallEvent(ctx.db, call.id, session.userId, at, 'categoryOverridden', { from: proposal.category, to: category, reason: input.overrideReason }));
  ctx.audit('call', call.number, null, { number: call.number, customerId: customer.id, productId: product.id, category, proposedCategory: proposal.category, overrideReason: call.override_reason, deadlineAt: call.deadline_at });

  const userName = (await findUserById(ctx.db, session.userId))!.display_name;
  const row = { ...call, customer_name: customer.name, customer_address: customer.address, customer_phone: customer.phone, product_model: product.model, product_serial: product.serial, technician_name: null };
  return toCallDetail(row, { events: events.map((e) => ({ ...e, userName })), receiptNumber: null, repairCardId: null, voucherEntries: [] }, day.today, day.nowIso);
};

/**
 * One page of the book, in two steps: first the page's call ids, from the calls table and its indexes
 * alone, then the summaries (customer, product, technician, phone) of those rows only. In one step SQLite
 * joins every call of every matching customer before it sorts and cuts the page: for a common name
 * fragment that is thousands of joined rows for a page of fifty.
 */
export const list: Handler<'calls.list'> = async (ctx, input) => {
  const { today, nowIso } = await dayContext(ctx);
  const numberLike = input.query !== undefined && /^[A-Za-z]{2}\d{2}-/.test(input.query);
  let pageIds = ctx.db.selectFrom('calls').select('calls.id').limit(input.limit + 1);
  if (input.date) pageIds = pageIds.where('calls.business_date', '=', input.date);
  if (input.filter === 'open' || input.filter === 'late') pageIds = pageIds.where('calls.status', 'in', OPEN_STATUSES);
  if (input.filter === 'late') {
    pageIds = pageIds.where((eb) => eb.or([eb('calls.is_late', '=', 1), eb.and([eb('calls.status', 'in', ['registered', 'dispatched']), eb('calls.deadline_at', '<', nowIso)])]));
  }
  if (input.status) pageIds = pageIds.where('calls.status', '=', input.status);
  if (input.technicianId) pageIds = pageIds.where('calls.technician_id', '=', input.technicianId);
  if (input.category) pageIds = pageIds.where('calls.category', '=', input.category);
  if (input.beforeId) pageIds = pageIds.where('calls.id', '<', input.beforeId);
  if (input.query) {
    // A prefix as a range on the book number's index: LIKE is case-blind in SQLite and cannot use it.
    const prefix = input.query.trim().toUpperCase();
    if (numberLike) pageIds = pageIds.where('calls.number', '>=', prefix).where('calls.number', '<', `${prefix}\uffff`);
    else {
      const ids = await searchCustomerIds(ctx.db, input.query, 200);
      pageIds = pageIds.where('calls.customer_id', 'in', ids.length ? ids : [0]);
    }
  }
  // Newest first. Book numbers grow with the ids (a branch numbers its calls as they come), so a
  // number search walks the number's index backwards and stops at the page, even for 'BJ01-' (all).
  pageIds = numberLike ? pageIds.orderBy('calls.number', 'desc') : pageIds.orderBy('calls.id', 'desc');
  const ids = (await pageIds.execute()).map((r) => r.id);
  // Newest first whichever index found them: the next page starts below the last id shown.
  const rows = (await loadCallSummaryRows(ctx.db, ids)).sort((a, b) => b.id - a.id);
  const page = rows.slice(0, input.limit);
  return { calls: page.map((r) => toCallSummary(r, today, nowIso)), nextBeforeId: rows.length > input.limit ? page[page.length - 1]!.id : null };
};

export const get: Handler<'calls.get'> = async (ctx, input) => {
  await requireCall(ctx, input.callId);
  return callDetail(ctx, input.callId);
};

export const dispatch: Handler<'calls.dispatch'> = async (ctx, input) => {
  const { session, call, next } = await beginCallAction(ctx, input.callId, 'dispatch', { ownCallIfTechnician: false });
  const technician = await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', input.technicianId).where('role', '=', 'technician').where('is_active', '=', 1).executeTakeFirst();
  if (!technician) throw fieldError('technicianId', 'validation.notATechnician');
  if (call.technician_id === technician.id) throw new AppError('CONFLICT', { reasonKey: 'reasons.alreadyDispatchedToHim' });
  const { today, nowIso } = await dayContext(ctx);
  await ctx.db
    .updateTable('calls')
    .set({ status: next, technician_id: technician.id, dispatched_at: nowIso, first_dispatch_date: call.first_dispatch_date ?? today })
    .where('id', '=', call.id)
    .execute();
  const event = call.technician_id === null ? 'dispatched' : 'redispatched';
  await addCallEvent(ctx.db, call.id, session.userId, nowIso, event, { technicianId: technician.id, technicianName: technician.display_name, previousTechnicianId: call.technician_id });
  ctx.audit('call', call.number, { status: call.status, technicianId: call.technician_id }, { status: next, technicianId: technician.id });
  return callDetail(ctx, call.id);
};

export const arrive: Handler<'calls.arrive'> = async (ctx, input) => {
  const { session, call, next } = await beginCallAction(ctx, input.callId, 'arrive', { ownCallIfTechnician: true });
  const at = ctx.now.toISOString();
  const late = at > call.deadline_at ? 1 : 0;
  await ctx.db.updateTable('calls').set({ status: next, arrived_at: at, is_late: late }).where('id', '=', call.id).execute();
  await addCallEvent(ctx.db, call.id, session.userId, at, 'arrived', { late: late === 1 });
  ctx.audit('call', call.number, { status: call.status }, { status: next, arrivedAt: at, late: late === 1 });
  return callDetail(ctx, call.id);
};

export const cancel: Handler<'calls.cancel'> = async (ctx, input) => {
  const { session, call, next } = await beginCallAction(ctx, input.callId, 'cancel', { ownCallIfTechnician: false });
  const at = ctx.now.toISOString();
  await ctx.db.updateTable('calls').set({ status: next, cancel_reason: input.reason, closed_at: at }).where('id', '=', call.id).execute();
  await addCallEvent(ctx.db, call.id, session.userId, at, 'cancelled', { reason: input.reason });
  ctx.audit('call', call.number, { status: call.status }, { status: next, reason: input.reason });
  return callDetail(ctx, call.id);
};

/** 注销: only against a voucher entry the customer signed for this call's finishing job. */
export const close: Handler<'calls.close'> = async (ctx, input) => {
  const { session, call, next } = await beginCallAction(ctx, input.callId, 'close', { ownCallIfTechnician: false });
  const signed = await ctx.db
    .selectFrom('voucher_entries')
    .select('id')
    .where('call_id', '=', call.id)
    .where('kind', 'in', ['finishedOnSite', 'returned'])
    .executeTakeFirst();
  if (!signed) throw new AppError('CONFLICT', { reasonKey: 'reasons.noSignedVoucher' });
  const at = ctx.now.toISOString();
  await ctx.db.updateTable('calls').set({ status: next, closed_at: at }).where('id', '=', call.id).execute();
  await addCallEvent(ctx.db, call.id, session.userId, at, 'closed');
  ctx.audit('call', call.number, { status: call.status }, { status: next });
  return callDetail(ctx, call.id);
};
