import { AppError, notFound } from '../app-error';
import type { Handler, OpContext } from '../operation';
import { signedIn } from '../operation';
import { addCallEvent, findCall } from '../repos/calls';
import { loadRepairCard } from '../repos/goods';
import { requireOwnCallIfTechnician } from './call-guards';
import { dayContext } from './day-context';

async function requireCard(ctx: OpContext, cardId: number) {
  const card = await ctx.db.selectFrom('repair_cards').selectAll().where('id', '=', cardId).executeTakeFirst();
  if (!card) throw notFound('repairCard');
  const call = (await findCall(ctx.db, card.call_id))!;
  return { card, call };
}

/** Edits by the call's own technician only; after sign-off only amendment lines, never changes. */
async function requireEditableCard(ctx: OpContext, cardId: number) {
  const found = await requireCard(ctx, cardId);
  requireOwnCallIfTechnician(ctx, found.call);
  return { ...found, isSigned: found.card.signed_off_at !== null };
}

async function view(ctx: OpContext, cardId: number) {
  const { today } = await dayContext(ctx);
  return (await loadRepairCard(ctx.db, cardId, today))!;
}

export const list: Handler<'repairCards.list'> = async (ctx, input) => {
  const { today } = await dayContext(ctx);
  let query = ctx.db.selectFrom('repair_cards as rc').innerJoin('receipts as r', 'r.id', 'rc.receipt_id').select('rc.id').orderBy('rc.id', 'desc').limit(input.limit);
  if (input.state === 'signedOff') query = query.where('rc.signed_off_at', 'is not', null);
  else query = query.where('rc.signed_off_at', 'is', null);
  if (input.state === 'overdue') query = query.where('r.promised_date', '<', today);
  if (input.state === 'helpRequested') query = query.where('rc.help_requested_at', 'is not', null);
  const ids = await query.execute();
  return Promise.all(ids.map((r) => loadRepairCard(ctx.db, r.id, today).then((c) => c!)));
};

export const get: Handler<'repairCards.get'> = async (ctx, input) => {
  await requireCard(ctx, input.cardId);
  return view(ctx, input.cardId);
};

export const addLabour: Handler<'repairCards.addLabour'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const { isSigned, call } = await requireEditableCard(ctx, input.cardId);
  const minutes = Math.round((Date.parse(input.endedAt) - Date.parse(input.startedAt)) / 60_000);
  if (minutes < 1 || minutes > 24 * 60) throw new AppError('INVALID_INPUT', { fields: [{ path: 'endedAt', messageKey: 'validation.labourLength' }] });
  const technicianId = session.role === 'technician' ? session.userId : call.technician_id;
  if (technicianId === null) throw new AppError('CONFLICT', { reasonKey: 'reasons.noTechnician' });
  const row = await ctx.db
    .insertInto('repair_labour')
    .values({ card_id: input.cardId, technician_id: technicianId, started_at: input.startedAt, ended_at: input.endedAt, minutes, note: input.note, is_amendment: isSigned ? 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit('repairLabour', row.id, null, { cardId: input.cardId, minutes, isAmendment: isSigned });
  return view(ctx, input.cardId);
};

export const addPart: Handler<'repairCards.addPart'> = async (ctx, input) => {
  const { isSigned } = await requireEditableCard(ctx, input.cardId);
  const p = input.part;
  const row = await ctx.db
    .insertInto('repair_parts')
    .values({ card_id: input.cardId, part_no: p.partNo, name: p.name, quantity: p.quantity, serial: p.serial ?? null, unit_price_fen: p.unitPriceFen, is_amendment: isSigned ? 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.audit('repairPart', row.id, null, { cardId: input.cardId, ...p, isAmendment: isSigned });
  return view(ctx, input.cardId);
};

export const recordFindings: Handler<'repairCards.recordFindings'> = async (ctx, input) => {
  const { card, isSigned } = await requireEditableCard(ctx, input.cardId);
  if (isSigned) throw new AppError('READ_ONLY', { reasonKey: 'reasons.signedRecord' });
  await ctx.db.updateTable('repair_cards').set({ findings: input.findings, cause: input.cause }).where('id', '=', card.id).execute();
  ctx.audit('repairCard', card.id, { findings: card.findings, cause: card.cause }, { findings: input.findings, cause: input.cause });
  return view(ctx, card.id);
};

export const askForHelp: Handler<'repairCards.askForHelp'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const { card, call, isSigned } = await requireEditableCard(ctx, input.cardId);
  if (isSigned) throw new AppError('READ_ONLY', { reasonKey: 'reasons.signedRecord' });
  const at = ctx.now.toISOString();
  await ctx.db.updateTable('repair_cards').set({ help_requested_at: at, help_note: input.note }).where('id', '=', card.id).execute();
  await addCallEvent(ctx.db, call.id, session.userId, at, 'helpRequested', { note: input.note });
  ctx.audit('repairCard', card.id, { helpRequestedAt: card.help_requested_at }, { helpRequestedAt: at, note: input.note });
  return view(ctx, card.id);
};

/** 验讫: supervisor only (the router checks), at least one labour line, once. */
export const signOff: Handler<'repairCards.signOff'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const { card, call } = await requireCard(ctx, input.cardId);
  if (card.signed_off_at) throw new AppError('CONFLICT', { reasonKey: 'reasons.alreadySignedOff' });
  const labour = await ctx.db.selectFrom('repair_labour').select('id').where('card_id', '=', card.id).executeTakeFirst();
  if (!labour) throw new AppError('CONFLICT', { reasonKey: 'reasons.noLabourLine' });
  const at = ctx.now.toISOString();
  await ctx.db.updateTable('repair_cards').set({ signed_off_by: session.userId, signed_off_at: at }).where('id', '=', card.id).execute();
  await addCallEvent(ctx.db, call.id, session.userId, at, 'signedOff');
  ctx.audit('repairCard', card.id, { signedOffAt: null }, { signedOffAt: at, signedOffBy: session.username });
  return view(ctx, card.id);
};
