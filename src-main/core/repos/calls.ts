import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
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
 * The summaries of these calls, in the order of `ids`: the same columns as selectCallSummaries, in one
 * statement of fixed text (the ids as a JSON array). A page of the book or of the board asks for fifty
 * on every keystroke or refresh; building and compiling the query each time cost more than running it.
 */
export async function loadCallSummaryRows(db: Kysely<DB>, ids: readonly number[]): Promise<CallSummaryRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<CallSummaryRow>`
    SELECT calls.*, customers.name AS customer_name, customers.address AS customer_address, products.model AS product_model,
      products.serial AS product_serial, tech.display_name AS technician_name,
      (SELECT phone FROM customer_phones WHERE customer_phones.customer_id = calls.customer_id LIMIT 1) AS customer_phone
    FROM calls
    JOIN customers ON customers.id = calls.customer_id
    JOIN products ON products.id = calls.product_id
    LEFT JOIN users AS tech ON tech.id = calls.technician_id
    WHERE calls.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(db);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Carried over (跨日): not dispatched on the day it was registered. Still waiting and registered before
 * today, or first dispatched on a later day than it was registered.
 */
export function isCarriedOver(row: Pick<CallRow, 'first_dispatch_date' | 'status' | 'business_date'>, today: string): boolean {
  return row.first_dispatch_date === null ? row.status === 'registered' && row.business_date < today : row.first_dispatch_date > row.business_date;
}

/**
 * isCarriedOver as an SQL expression over the calls table (1 or 0), for ordering the board in SQLite.
 * test/integration/core-flow/carried-over.test.ts holds the two equal.
 */
export function carriedOverSql(today: string): RawBuilder<number> {
  return sql<number>`CASE WHEN first_dispatch_date IS NULL THEN status = 'registered' AND business_date < ${today} ELSE first_dispatch_date > business_date END`;
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

/*
 * The statements registering a call runs every time are written in SQL: Kysely's query builder costs
 * 15-40 µs of CPU per statement to build and compile, as much as SQLite takes to run most of them. The
 * values are still bound as parameters and the SQL text is the statement cache's key.
 */

/** The call a client request already registered, if it did (a retry after a lost reply). */
export async function findCallIdByRequestId(db: Kysely<DB>, clientRequestId: string): Promise<number | undefined> {
  const { rows } = await sql<{ id: number }>`SELECT id FROM calls WHERE client_request_id = ${clientRequestId}`.execute(db);
  return rows[0]?.id;
}

/** What registering stores of a new call; every other column starts empty (NULL, or 0 for is_late and the fees). */
export type NewCall = Pick<
  CallRow,
  | 'number' | 'year' | 'seq' | 'customer_id' | 'product_id' | 'fault' | 'category' | 'proposed_category' | 'override_reason'
  | 'district' | 'called_at' | 'business_date' | 'deadline_at' | 'client_request_id' | 'created_by'
>;

/**
 * Insert a call in status 'registered' and return it as stored. Read back by id rather than with
 * RETURNING: on this table (twelve indexes) SQLite 3.53 took about 70 µs more here for an INSERT with a
 * RETURNING clause than for the INSERT and a lookup by id together.
 */
export async function insertRegisteredCall(db: Kysely<DB>, c: NewCall): Promise<CallRow> {
  const { insertId } = await sql`
    INSERT INTO calls (number, year, seq, customer_id, product_id, fault, category, proposed_category, override_reason,
      district, called_at, business_date, deadline_at, status, client_request_id, created_by)
    VALUES (${c.number}, ${c.year}, ${c.seq}, ${c.customer_id}, ${c.product_id}, ${c.fault}, ${c.category}, ${c.proposed_category}, ${c.override_reason},
      ${c.district}, ${c.called_at}, ${c.business_date}, ${c.deadline_at}, 'registered', ${c.client_request_id}, ${c.created_by})`.execute(db);
  const { rows } = await sql<CallRow>`SELECT * FROM calls WHERE id = ${Number(insertId)}`.execute(db);
  return rows[0]!;
}

/** An event of a call as it was stored (details as read back from their JSON, e.g. without undefined values). */
export interface StoredCallEvent {
  at: string;
  event: string;
  details: Record<string, unknown>;
}

export async function addCallEvent(db: Kysely<DB>, callId: number, userId: number, at: string, event: string, details: Record<string, unknown> = {}): Promise<StoredCallEvent> {
  const details_json = JSON.stringify(details);
  await sql`INSERT INTO call_events (call_id, user_id, at, event, details_json) VALUES (${callId}, ${userId}, ${at}, ${event}, ${details_json})`.execute(db);
  return { at, event, details: JSON.parse(details_json) as Record<string, unknown> };
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

/** What a call's detail shows besides its summary row: its history, its receipt, card and voucher entries. */
export interface CallRelated {
  events: CallDetail['events'];
  receiptNumber: string | null;
  repairCardId: number | null;
  voucherEntries: VoucherEntryView[];
}

export function toCallDetail(row: CallSummaryRow, related: CallRelated, today: string, nowIso: string): CallDetail {
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
    receiptNumber: related.receiptNumber,
    repairCardId: related.repairCardId,
    events: related.events,
    voucherEntries: related.voucherEntries,
  };
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
  const related: CallRelated = {
    events: events.map((e) => ({ at: e.at, userName: e.display_name, event: e.event, details: JSON.parse(e.details_json) as Record<string, unknown> })),
    receiptNumber: receipt?.number ?? null,
    repairCardId: card?.id ?? null,
    voucherEntries: await loadVoucherEntries(db, { callId }),
  };
  return toCallDetail(row, related, today, nowIso);
}
