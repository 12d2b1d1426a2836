import type { ReceiptCheck } from '../../../src-shared/contract/goods';
import { AppError, notFound } from '../app-error';
import type { Handler, OpContext } from '../operation';
import { signedIn } from '../operation';
import { roleHas } from '../permissions';
import { addCallEvent, findCall } from '../repos/calls';
import { selectGoodsLines, toGoodsLine } from '../repos/goods';
import { requireTransition } from './call-guards';
import { dayContext } from './day-context';
import { chargeable, partsText } from './visits';

export const list: Handler<'goods.list'> = async (ctx, input) => {
  const { today } = await dayContext(ctx);
  let query = selectGoodsLines(ctx.db).limit(input.limit);
  if (input.state === 'returned') query = query.where('g.date_out', 'is not', null).orderBy('g.date_out', 'desc');
  else query = query.where('g.date_out', 'is', null).orderBy('r.promised_date');
  if (input.state === 'overdue') query = query.where('r.promised_date', '<', today);
  return (await query.execute()).map((r) => toGoodsLine(r, today));
};

/** Find the receipt being handed back, or (lost receipt) the one of the call, for a supervisor only. */
async function receiptToVoid(ctx: OpContext, receipt: { number: string } | { lost: { callId: number; idSeen: string; note: string } }) {
  const session = signedIn(ctx);
  if ('number' in receipt) {
    const row = await ctx.db.selectFrom('receipts').selectAll().where('number', '=', receipt.number.trim().toUpperCase()).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { reasonKey: 'reasons.unknownReceipt', params: { number: receipt.number } });
    return { row, lost: null };
  }
  if (!roleHas(session.role, 'goods.voidLostReceipt')) throw new AppError('FORBIDDEN', { reasonKey: 'reasons.lostReceiptNeedsSupervisor' });
  const row = await ctx.db.selectFrom('receipts').selectAll().where('call_id', '=', receipt.lost.callId).executeTakeFirst();
  if (!row) throw notFound('receipt');
  return { row, lost: receipt.lost };
}

/**
 * The goods go back: the repair card must be signed off; the ledger gets the return date, the receipt is
 * voided (exactly once: a voided receipt is refused here and frozen by a trigger), the customer signs.
 */
export const returnGoods: Handler<'goods.return'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const { row: receipt, lost } = await receiptToVoid(ctx, input.receipt);
  if (receipt.status === 'voided') throw new AppError('CONFLICT', { reasonKey: 'reasons.receiptAlreadyVoided', params: { number: receipt.number } });
  const call = (await findCall(ctx.db, receipt.call_id))!;
  const next = requireTransition(call, 'returnGoods');
  const card = await ctx.db.selectFrom('repair_cards').selectAll().where('call_id', '=', call.id).executeTakeFirstOrThrow();
  if (!card.signed_off_at) throw new AppError('CONFLICT', { reasonKey: 'reasons.cardNotSignedOff' });
  const parts = await ctx.db.selectFrom('repair_parts').selectAll().where('card_id', '=', card.id).execute();
  const partsFen = parts.reduce((sum, p) => sum + p.quantity * p.unit_price_fen, 0);
  const fees = chargeable(call, input.labourFeeFen, partsFen, input.payment);
  const { today, nowIso } = await dayContext(ctx);

  await ctx.db
    .updateTable('receipts')
    .set({ status: 'voided', voided_at: nowIso, void_reason: lost ? 'lost' : 'returned', lost_id_seen: lost?.idSeen ?? null, lost_note: lost?.note ?? null, voided_by: session.userId })
    .where('id', '=', receipt.id)
    .execute();
  await ctx.db.updateTable('goods_ledger').set({ date_out: today }).where('receipt_id', '=', receipt.id).execute();
  await ctx.db.updateTable('calls').set({ status: next, finished_at: nowIso, work_done: card.findings || null, labour_fee_fen: fees.labour, parts_fee_fen: fees.parts, payment: fees.payment }).where('id', '=', call.id).execute();
  const voucher = await ctx.db.selectFrom('vouchers').select('id').where('product_id', '=', call.product_id).executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('voucher_entries')
    .values({
      voucher_id: voucher.id,
      call_id: call.id,
      kind: 'returned',
      at: nowIso,
      category: call.category,
      technician_id: call.technician_id,
      work_done: [card.findings, card.cause].filter(Boolean).join(' / ') || '—',
      parts_text: partsText(parts),
      fee_fen: fees.labour + fees.parts,
      signer_name: input.signature.signerName,
      signature_png: input.signature.imagePng ?? null,
    })
    .execute();
  await addCallEvent(ctx.db, call.id, session.userId, nowIso, 'returned', { receiptNumber: receipt.number, lostReceipt: lost !== null, signer: input.signature.signerName });
  ctx.audit('receipt', receipt.number, { status: 'outstanding' }, { status: 'voided', reason: lost ? 'lost' : 'returned', idSeen: lost?.idSeen ?? null });
  const line = await selectGoodsLines(ctx.db).where('g.receipt_id', '=', receipt.id).executeTakeFirstOrThrow();
  return toGoodsLine(line, today);
};

/** Every receipt ever issued: outstanding with its goods still in the shop, or voided once with the goods out. */
export const checkReceipts: Handler<'goods.checkReceipts'> = async (ctx) => {
  const rows = await ctx.db
    .selectFrom('receipts as r')
    .leftJoin('goods_ledger as g', 'g.receipt_id', 'r.id')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .select(['r.number', 'r.status', 'r.voided_at', 'r.year', 'r.seq', 'g.id as ledger_id', 'g.date_out', 'c.status as call_status'])
    .orderBy('r.year')
    .orderBy('r.seq')
    .execute();
  const problems: ReceiptCheck['problems'] = [];
  const expectedSeq = new Map<number, number>();
  for (const r of rows) {
    const expected = (expectedSeq.get(r.year) ?? 0) + 1;
    if (r.seq !== expected) problems.push({ receiptNumber: r.number, problem: `gap: expected number ${expected}` });
    expectedSeq.set(r.year, r.seq);
    if (r.ledger_id === null) problems.push({ receiptNumber: r.number, problem: 'no goods-ledger line' });
    else if (r.status === 'outstanding' && (r.date_out !== null || r.call_status !== 'takenIn')) problems.push({ receiptNumber: r.number, problem: 'outstanding but goods not in the shop' });
    else if (r.status === 'voided' && r.date_out === null) problems.push({ receiptNumber: r.number, problem: 'voided but goods still in the shop' });
  }
  const voided = rows.filter((r) => r.status === 'voided').length;
  return { issued: rows.length, outstanding: rows.length - voided, voided, problems };
};
