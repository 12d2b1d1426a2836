import type { PartLineInput } from '../../../src-shared/contract/common';
import type { Handler, OpContext } from '../operation';
import { bookNumber, nextSeq } from '../repos/book-counters';
import { findBranch } from '../repos/branch';
import { addCallEvent, type CallRow } from '../repos/calls';
import { beginCallAction, callDetail, fieldError } from './call-guards';
import { dayContext } from './day-context';

export const partsText = (parts: ReadonlyArray<{ name: string; quantity: number; serial?: string | null | undefined }>) =>
  parts.map((p) => `${p.name} ×${p.quantity}${p.serial ? ` (${p.serial})` : ''}`).join('; ');

export const partsTotalFen = (parts: ReadonlyArray<{ quantity: number; unitPriceFen: number }>) => parts.reduce((sum, p) => sum + p.quantity * p.unitPriceFen, 0);

/**
 * Fees only for paid service (A): contract (B) and warranty (C) work is free to the customer. A paid job
 * with a fee needs to say whether the money was collected on site or is to be invoiced.
 */
export function chargeable(call: CallRow, labourFeeFen: number, partsFen: number, payment: 'cash' | 'invoice' | null) {
  if (call.category !== 'A') {
    if (labourFeeFen > 0) throw fieldError('labourFeeFen', 'validation.feeOnlyForPaid');
    return { labour: 0, parts: 0, payment: null };
  }
  if (labourFeeFen + partsFen > 0 && payment === null) throw fieldError('payment', 'validation.paymentRequired');
  return { labour: labourFeeFen, parts: partsFen, payment: labourFeeFen + partsFen > 0 ? payment : null };
}

async function voucherIdOf(ctx: OpContext, productId: number): Promise<number> {
  const voucher = await ctx.db.selectFrom('vouchers').select('id').where('product_id', '=', productId).executeTakeFirstOrThrow();
  return voucher.id;
}

async function insertParts(ctx: OpContext, callId: number, parts: PartLineInput[]) {
  for (const p of parts) {
    await ctx.db.insertInto('onsite_parts').values({ call_id: callId, part_no: p.partNo, name: p.name, quantity: p.quantity, serial: p.serial ?? null, unit_price_fen: p.unitPriceFen }).execute();
  }
}


export const finishOnSite: Handler<'calls.finishOnSite'> = async (ctx, input) => {
  const { session, call, next } = await beginCallAction(ctx, input.callId, 'finishOnSite', { ownCallIfTechnician: true });
  const fees = chargeable(call, input.labourFeeFen, partsTotalFen(input.parts), input.payment);
  const at = ctx.now.toISOString();
  await insertParts(ctx, call.id, input.parts);
  await ctx.db
    .updateTable('calls')
    .set({ status: next, finished_at: at, work_done: input.workDone, work_started_at: input.startedAt, work_ended_at: input.endedAt, labour_fee_fen: fees.labour, parts_fee_fen: fees.parts, payment: fees.payment })
    .where('id', '=', call.id)
    .execute();
  await ctx.db
    .insertInto('voucher_entries')
    .values({
      voucher_id: await voucherIdOf(ctx, call.product_id),
      call_id: call.id,
      kind: 'finishedOnSite',
      at,
      category: call.category,
      technician_id: call.technician_id,
      work_done: input.workDone,
      parts_text: partsText(input.parts),
      fee_fen: fees.labour + fees.parts,
      signer_name: input.signature.signerName,
      signature_png: input.signature.imagePng ?? null,
    })
    .execute();
  await addCallEvent(ctx.db, call.id, session.userId, at, 'finishedOnSite', { feeFen: fees.labour + fees.parts, payment: fees.payment, signer: input.signature.signerName });
  ctx.audit('call', call.number, { status: call.status }, { status: next, labourFeeFen: fees.labour, partsFeeFen: fees.parts, payment: fees.payment, signer: input.signature.signerName });
  return callDetail(ctx, call.id);
};

/** Not fixable on site: receipt (gapless number), goods-ledger line, repair card, signed voucher entry. */
export const takeIn: Handler<'calls.takeIn'> = async (ctx, input) => {
  const { session, call, next } = await beginCallAction(ctx, input.callId, 'takeIn', { ownCallIfTechnician: true });
  const { today, nowIso } = await dayContext(ctx);
  if (input.promisedDate < today) throw fieldError('promisedDate', 'validation.promisedDateInPast');
  const branch = (await findBranch(ctx.db))!;
  const year = Number(today.slice(0, 4));
  const seq = await nextSeq(ctx.db, 'receipts', year);
  const number = bookNumber(branch.code, 'receipts', year, seq);
  const receipt = await ctx.db
    .insertInto('receipts')
    .values({ number, year, seq, call_id: call.id, issued_at: nowIso, condition: input.condition, accessories: input.accessories, promised_date: input.promisedDate, status: 'outstanding', voided_at: null, void_reason: null, lost_id_seen: null, lost_note: null, voided_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const broughtBy = call.technician_id ?? session.userId;
  await ctx.db.insertInto('goods_ledger').values({ receipt_id: receipt.id, call_id: call.id, product_id: call.product_id, date_in: today, brought_by: broughtBy, date_out: null }).execute();
  await ctx.db.insertInto('repair_cards').values({ call_id: call.id, receipt_id: receipt.id, opened_at: nowIso, help_requested_at: null, help_note: null, signed_off_by: null, signed_off_at: null }).execute();
  await ctx.db.updateTable('calls').set({ status: next }).where('id', '=', call.id).execute();
  await ctx.db
    .insertInto('voucher_entries')
    .values({
      voucher_id: await voucherIdOf(ctx, call.product_id),
      call_id: call.id,
      kind: 'takenIn',
      at: nowIso,
      category: call.category,
      technician_id: call.technician_id,
      work_done: `${input.condition} / ${input.accessories}`,
      signer_name: input.signature.signerName,
      signature_png: input.signature.imagePng ?? null,
    })
    .execute();
  await addCallEvent(ctx.db, call.id, session.userId, nowIso, 'takenIn', { receiptNumber: number, promisedDate: input.promisedDate });
  ctx.audit('receipt', number, null, { callNumber: call.number, promisedDate: input.promisedDate, condition: input.condition, accessories: input.accessories });
  return callDetail(ctx, call.id);
};
