import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Kysely } from 'kysely';
import type { SupervisorDayView, TechnicianDayView } from '../../../src-shared/contract/reports';
import type { WarrantyExclusion } from '../../../src-shared/domain/categories';
import type {
  PrintBranch,
  PrintCommon,
  PrintPartLine,
  ReceiptModel,
  RepairCardModel,
  SupervisorDayModel,
  TechnicianDayModel,
  VoucherModel,
} from '../../../src-shared/print/form-models';
import type { DB } from '../db/schema';
import { loadCustomerViews, loadProductView } from './customers';
import { loadRepairCard } from './goods';

/**
 * The printed forms' models, read from the same records the screens show. One function per form;
 * none of them prints or writes: the print service renders and logs.
 */
export async function printBranch(db: Kysely<DB>): Promise<PrintBranch> {
  const b = await db.selectFrom('branch').select(['code', 'name', 'address', 'phone']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { code: b.code, name: b.name, address: b.address, phone: b.phone };
}

/** Short Chinese / English names of the exclusions noted at intake, printed on the receipt. */
const EXCLUSION_TEXT: Record<WarrantyExclusion, string> = {
  misuse: '未按说明书使用 misuse',
  forceMajeure: '不可抗力 force majeure',
  selfModified: '自行拆修或改装 self-modified',
  serialUnreadable: '机号涂改或无法辨认 serial unreadable',
};

export async function receiptModel(db: Kysely<DB>, receiptNumber: string, common: PrintCommon, copy: 'customer' | 'shop'): Promise<ReceiptModel | undefined> {
  const row = await db
    .selectFrom('receipts as r')
    .innerJoin('calls as c', 'c.id', 'r.call_id')
    .innerJoin('goods_ledger as g', 'g.receipt_id', 'r.id')
    .innerJoin('users as u', 'u.id', 'g.brought_by')
    .select(['r.number', 'r.issued_at', 'r.condition', 'r.accessories', 'r.promised_date', 'c.number as call_number', 'c.fault', 'c.customer_id', 'c.product_id', 'u.display_name'])
    .where('r.number', '=', receiptNumber)
    .executeTakeFirst();
  if (!row) return undefined;
  const [customer] = await loadCustomerViews(db, [row.customer_id]);
  const product = (await loadProductView(db, row.product_id))!;
  return {
    ...common,
    branch: await printBranch(db),
    receiptNumber: row.number,
    callNumber: row.call_number,
    issuedAt: row.issued_at,
    customer: { name: customer!.name, phone: customer!.phones[0] ?? '' },
    product: { model: product.model, serial: product.serial },
    fault: row.fault,
    condition: row.condition,
    accessories: row.accessories,
    promisedDate: row.promised_date,
    estimatedFeeFen: null,
    warrantyExclusions: product.exclusions.length ? product.exclusions.map((e) => EXCLUSION_TEXT[e]).join('；') : null,
    receivedBy: row.display_name,
    copy,
  };
}

async function partsOfCall(db: Kysely<DB>, callId: number): Promise<PrintPartLine[]> {
  const onSite = await db.selectFrom('onsite_parts').select(['part_no', 'name', 'quantity', 'serial']).where('call_id', '=', callId).orderBy('id').execute();
  const inShop = await db
    .selectFrom('repair_parts as p')
    .innerJoin('repair_cards as rc', 'rc.id', 'p.card_id')
    .select(['p.part_no', 'p.name', 'p.quantity', 'p.serial'])
    .where('rc.call_id', '=', callId)
    .orderBy('p.id')
    .execute();
  return [...onSite, ...inShop].map((p) => ({ partNo: p.part_no, name: p.name, qty: p.quantity, serial: p.serial }));
}

/** 服务凭证: the product's whole history, one job per signed voucher entry. */
export async function voucherModel(db: Kysely<DB>, productId: number, common: PrintCommon): Promise<VoucherModel | undefined> {
  const product = await loadProductView(db, productId);
  if (!product) return undefined;
  const [customer] = await loadCustomerViews(db, [product.customerId]);
  const branch = await printBranch(db);
  const entries = await db
    .selectFrom('voucher_entries as v')
    .innerJoin('calls as c', 'c.id', 'v.call_id')
    .leftJoin('users as u', 'u.id', 'v.technician_id')
    .select(['v.at', 'v.kind', 'v.call_id', 'c.number', 'v.category', 'u.display_name', 'v.work_done', 'v.fee_fen', 'v.signer_name', 'v.signature_png'])
    .where('v.voucher_id', '=', product.voucherId)
    .orderBy('v.id')
    .execute();
  const jobs = [];
  for (const e of entries) {
    jobs.push({
      date: format(new TZDate(Date.parse(e.at), common.timeZone), 'yyyy-MM-dd'),
      callNumber: e.number,
      category: e.category,
      technician: e.display_name ?? '',
      workDone: e.work_done,
      // Parts are listed once, with the job that finished the call.
      parts: e.kind === 'takenIn' ? [] : await partsOfCall(db, e.call_id),
      feeFen: e.fee_fen,
      signer: { name: e.signer_name, imagePng: e.signature_png },
    });
  }
  return {
    ...common,
    branch,
    voucherNumber: `${branch.code}-V${String(product.voucherId).padStart(6, '0')}`,
    customer: { name: customer!.name, phone: customer!.phones[0] ?? '', address: customer!.address },
    product: { model: product.model, serial: product.serial, purchaseDate: product.purchaseDate, warrantyEndDate: product.warrantyEnd, contractEndDate: product.contract?.end ?? null },
    jobs,
  };
}

export async function repairCardModel(db: Kysely<DB>, cardId: number, today: string, common: PrintCommon): Promise<RepairCardModel | undefined> {
  const card = await loadRepairCard(db, cardId, today);
  if (!card) return undefined;
  const receipt = await db.selectFrom('receipts').select('issued_at').where('number', '=', card.receiptNumber).executeTakeFirstOrThrow();
  const amendments = [
    ...card.labour.filter((l) => l.isAmendment).map((l) => ({ at: l.endedAt, by: l.technicianName, text: `+${l.minutes} min ${l.note}`.trim() })),
    ...card.parts.filter((p) => p.isAmendment).map((p) => ({ at: card.signedOffAt ?? '', by: card.technician?.name ?? '', text: `+ ${p.name} ×${p.quantity}` })),
  ];
  return {
    ...common,
    branch: await printBranch(db),
    callNumber: card.callNumber,
    receiptNumber: card.receiptNumber,
    customerName: card.customerName,
    product: { model: card.productModel, serial: card.serial },
    fault: card.fault,
    takenInAt: receipt.issued_at,
    promisedDate: card.promisedDate,
    labour: card.labour.filter((l) => !l.isAmendment).map((l) => ({ technician: l.technicianName, startedAt: l.startedAt, endedAt: l.endedAt, minutes: l.minutes, note: l.note })),
    parts: card.parts.filter((p) => !p.isAmendment).map((p) => ({ partNo: p.partNo, name: p.name, qty: p.quantity, serial: p.serial, unitPriceFen: p.unitPriceFen })),
    findings: card.findings,
    cause: card.cause,
    signOff: card.signedOffBy && card.signedOffAt ? { name: card.signedOffBy, at: card.signedOffAt } : null,
    amendments,
  };
}

export function technicianDayModel(view: TechnicianDayView, branch: PrintBranch, common: PrintCommon): TechnicianDayModel {
  return {
    ...common,
    branch,
    technician: { code: view.technician.code, name: view.technician.name },
    date: view.date,
    lines: view.lines.map((l) => ({ time: null, callNumber: l.callNumber, description: l.description, category: l.category, minutes: l.minutes })),
    confirmedAt: view.confirmedAt,
  };
}

export function supervisorDayModel(view: SupervisorDayView, branch: PrintBranch, common: PrintCommon): SupervisorDayModel {
  return {
    ...common,
    branch,
    date: view.date,
    rows: view.rows,
    counts: view.counts,
    signatures: {
      supervisor: view.supervisorSignedBy && view.supervisorSignedAt ? { name: view.supervisorSignedBy, at: view.supervisorSignedAt } : null,
      manager: view.managerSignedBy && view.managerSignedAt ? { name: view.managerSignedBy, at: view.managerSignedAt } : null,
    },
  };
}
