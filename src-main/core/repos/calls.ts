import type { Kysely, Selectable } from 'kysely';
import type { CallDetail, CallSummary, VoucherEntryView } from '../../../src-shared/contract/calls';
import type { DB } from '../db/schema';
import type { CallsTable } from '../db/schema-core-flow';

export type CallRow = Selectable<CallsTable>;

/** The columns every call summary needs: the call, its customer's name and first phone, the product, the technician. */
export function selectCallSummaries(db: Kysely<DB>) {
  return db
    .selectFrom('calls')
    .innerJoin('customers', 'customers.id', 'calls.customer_id')
    .innerJoin('products', 'products.id', 'calls.product_id')
    .leftJoin('users as tech', 'tech.id', 'calls.technician_id')
    .selectAll('calls')
    .select((eb) => [
      'customers.name as customer_name',
      'customers.address as customer_address',
      'products.model as product_model',
      'products.serial as product_serial',
      'tech.display_name as technician_name',
      eb
        .selectFrom('customer_phones')
        .select('customer_phones.phone')
        .whereRef('customer_phones.customer_id', '=', 'calls.customer_id')
        .limit(1)
        .as('customer_phone'),
    ]);
}

export type CallSummaryRow = Awaited<ReturnType<ReturnType<typeof selectCallSummaries>['execute']>>[number];

/**
 * Carried over (跨日): not dispatched on the day it was registered. Still waiting and registered before
 * today, or first dispatched on a later day than it was registered.
 */
export function isCarriedOver(row: Pick<CallRow, 'first_dispatch_date' | 'status' | 'business_date'>, today: string): boolean {
  return row.first_dispatch_date === null ? row.status === 'registered' && row.business_date < today : row.first_dispatch_date > row.business_date;
}

/** `today` is the branch's business day now; `nowIso` the current instant (for late-but-not-arrived). */
export function toCallSummary(row: CallSummaryRow, today: string, nowIso: string): CallSummary {
  const waitingForArrival = row.status === 'registered' || row.status === 'dispatched';
  return {
    id: row.id,
    number: row.number,
    calledAt: row.called_at,
    businessDate: row.business_date,
    customerId: row.customer_id,
    customerName: row.customer_name,
    phone: row.customer_phone ?? '',
    address: row.customer_address,
    district: row.district,
    productId: row.product_id,
    productModel: row.product_model,
    serial: row.product_serial,
    fault: row.fault,
    category: row.category,
    status: row.status,
    technician: row.technician_id !== null ? { id: row.technician_id, name: row.technician_name ?? '' } : null,
    deadlineAt: row.deadline_at,
    isLate: row.is_late === 1 || (waitingForArrival && nowIso > row.deadline_at),
    carriedOver: isCarriedOver(row, today),
  };
}

export function findCall(db: Kysely<DB>, callId: number): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirst();
}

export async function addCallEvent(db: Kysely<DB>, callId: number, userId: number, at: string, event: string, details: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('call_events').values({ call_id: callId, user_id: userId, at, event, details_json: JSON.stringify(details) }).execute();
}

export async function loadVoucherEntries(db: Kysely<DB>, where: { voucherId: number } | { callId: number }): Promise<VoucherEntryView[]> {
  let query = db
    .selectFrom('voucher_entries as v')
    .innerJoin('calls', 'calls.id', 'v.call_id')
    .leftJoin('users as tech', 'tech.id', 'v.technician_id')
    .select(['v.id', 'v.call_id', 'calls.number', 'v.kind', 'v.at', 'v.category', 'tech.display_name', 'v.work_done', 'v.parts_text', 'v.fee_fen', 'v.signer_name', 'v.signature_png'])
    .orderBy('v.id');
  query = 'voucherId' in where ? query.where('v.voucher_id', '=', where.voucherId) : query.where('v.call_id', '=', where.callId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    callId: r.call_id,
    callNumber: r.number,
    kind: r.kind,
    at: r.at,
    category: r.category,
    technicianName: r.display_name,
    workDone: r.work_done,
    partsText: r.parts_text,
    feeFen: r.fee_fen,
    signerName: r.signer_name,
    hasSignatureImage: r.signature_png !== null,
  }));
}

export async function loadCallDetail(db: Kysely<DB>, callId: number, today: string, nowIso: string): Promise<CallDetail | undefined> {
  const row = await selectCallSummaries(db).where('calls.id', '=', callId).executeTakeFirst();
  if (!row) return undefined;
  const events = await db
    .selectFrom('call_events')
    .innerJoin('users', 'users.id', 'call_events.user_id')
    .select(['call_events.at', 'users.display_name', 'call_events.event', 'call_events.details_json'])
    .where('call_events.call_id', '=', callId)
    .orderBy('call_events.id')
    .execute();
  const receipt = await db.selectFrom('receipts').select('number').where('call_id', '=', callId).executeTakeFirst();
  const card = await db.selectFrom('repair_cards').select('id').where('call_id', '=', callId).executeTakeFirst();
  return {
    ...toCallSummary(row, today, nowIso),
    proposedCategory: row.proposed_category,
    overrideReason: row.override_reason,
    dispatchedAt: row.dispatched_at,
    arrivedAt: row.arrived_at,
    finishedAt: row.finished_at,
    workDone: row.work_done,
    labourFeeFen: row.labour_fee_fen,
    partsFeeFen: row.parts_fee_fen,
    payment: row.payment,
    cancelReason: row.cancel_reason,
    closedAt: row.closed_at,
    receiptNumber: receipt?.number ?? null,
    repairCardId: card?.id ?? null,
    events: events.map((e) => ({ at: e.at, userName: e.display_name, event: e.event, details: JSON.parse(e.details_json) as Record<string, unknown> })),
    voucherEntries: await loadVoucherEntries(db, { callId }),
  };
}
