import type { Kysely } from 'kysely';
import type { GoodsLineView, RepairCardView } from '../../../src-shared/contract/goods';
import type { DB } from '../db/schema';

/** Goods-ledger lines with their receipt, call, customer and card. */
export function selectGoodsLines(db: Kysely<DB>) {
  return db
    .selectFrom('goods_ledger as g')
    .innerJoin('receipts as r', 'r.id', 'g.receipt_id')
    .innerJoin('calls as c', 'c.id', 'g.call_id')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .innerJoin('products as p', 'p.id', 'g.product_id')
    .innerJoin('users as u', 'u.id', 'g.brought_by')
    .innerJoin('repair_cards as rc', 'rc.call_id', 'c.id')
    .select((eb) => [
      'g.id as ledger_id',
      'r.number as receipt_number',
      'r.status as receipt_status',
      'r.promised_date',
      'c.id as call_id',
      'c.number as call_number',
      'cu.name as customer_name',
      'p.model',
      'p.serial',
      'g.date_in',
      'g.date_out',
      'u.display_name as brought_by',
      'rc.id as card_id',
      'rc.signed_off_at',
      eb.selectFrom('customer_phones').select('phone').whereRef('customer_phones.customer_id', '=', 'c.customer_id').limit(1).as('phone'),
    ]);
}

type GoodsRow = Awaited<ReturnType<ReturnType<typeof selectGoodsLines>['execute']>>[number];

export function toGoodsLine(r: GoodsRow, today: string): GoodsLineView {
  return {
    ledgerId: r.ledger_id,
    receiptNumber: r.receipt_number,
    receiptStatus: r.receipt_status,
    callId: r.call_id,
    callNumber: r.call_number,
    customerName: r.customer_name,
    phone: r.phone ?? '',
    productModel: r.model,
    serial: r.serial,
    dateIn: r.date_in,
    broughtBy: r.brought_by,
    promisedDate: r.promised_date,
    dateOut: r.date_out,
    isOverdue: r.date_out === null && r.promised_date < today,
    repairCardId: r.card_id,
    signedOff: r.signed_off_at !== null,
  };
}

export async function loadRepairCard(db: Kysely<DB>, cardId: number, today: string): Promise<RepairCardView | undefined> {
  const card = await db
    .selectFrom('repair_cards as rc')
    .innerJoin('calls as c', 'c.id', 'rc.call_id')
    .innerJoin('receipts as r', 'r.id', 'rc.receipt_id')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .leftJoin('users as tech', 'tech.id', 'c.technician_id')
    .leftJoin('users as sup', 'sup.id', 'rc.signed_off_by')
    .selectAll('rc')
    .select(['c.number as call_number', 'c.fault', 'c.technician_id', 'tech.display_name as technician_name', 'r.number as receipt_number', 'r.promised_date', 'cu.name as customer_name', 'p.model', 'p.serial', 'sup.display_name as signed_off_name'])
    .where('rc.id', '=', cardId)
    .executeTakeFirst();
  if (!card) return undefined;
  const labour = await db
    .selectFrom('repair_labour as l')
    .innerJoin('users as u', 'u.id', 'l.technician_id')
    .select(['l.id', 'u.display_name', 'l.started_at', 'l.ended_at', 'l.minutes', 'l.note', 'l.is_amendment'])
    .where('l.card_id', '=', cardId)
    .orderBy('l.id')
    .execute();
  const parts = await db.selectFrom('repair_parts').selectAll().where('card_id', '=', cardId).orderBy('id').execute();
  return {
    id: card.id,
    callId: card.call_id,
    callNumber: card.call_number,
    receiptNumber: card.receipt_number,
    customerName: card.customer_name,
    productModel: card.model,
    serial: card.serial,
    fault: card.fault,
    technician: card.technician_id !== null ? { id: card.technician_id, name: card.technician_name ?? '' } : null,
    promisedDate: card.promised_date,
    isOverdue: card.signed_off_at === null && card.promised_date < today,
    findings: card.findings,
    cause: card.cause,
    helpRequestedAt: card.help_requested_at,
    helpNote: card.help_note,
    signedOffBy: card.signed_off_name,
    signedOffAt: card.signed_off_at,
    labour: labour.map((l) => ({ id: l.id, technicianName: l.display_name, startedAt: l.started_at, endedAt: l.ended_at, minutes: l.minutes, note: l.note, isAmendment: l.is_amendment === 1 })),
    parts: parts.map((p) => ({ id: p.id, partNo: p.part_no, name: p.name, quantity: p.quantity, serial: p.serial, unitPriceFen: p.unit_price_fen, isAmendment: p.is_amendment === 1 })),
  };
}
