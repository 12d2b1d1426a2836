import type { BenchContext } from './context';
import type { Figure } from './results';
import { sample, summarize } from './stats';

interface PrintedForm {
  pdfBase64: string;
}

/**
 * Printed forms, warm (fonts loaded, first document rendered): `print.form` through the dispatcher
 * reads the records, builds the document, renders the PDF, logs the print and audits it. Every form
 * of the product, each with the size of its PDF: the goods receipt on both papers, the voucher and the
 * repair card of the receipt's call, a technician's daily report of exactly 50 lines, the branch's day.
 */
export async function measureForms(ctx: BenchContext, plan: { runs: number; warmup: number }): Promise<Figure[]> {
  const { receiptNumber, reportDate, fiftyLineTechnicianId, fiftyLines } = ctx.meta.fixtures;
  const ofReceipt = ctx.app.sqlite
    .prepare('SELECT calls.product_id AS productId, repair_cards.id AS cardId FROM receipts JOIN calls ON calls.id = receipts.call_id JOIN repair_cards ON repair_cards.call_id = calls.id WHERE receipts.number = ?')
    .get(receiptNumber) as { productId: number; cardId: number };
  const forms: Array<{ key: string; label: string; who: 'clerk' | 'supervisor'; request: Record<string, unknown>; limitMs: number | null }> = [
    { key: 'forms.receipt', label: 'print goods receipt (A5), warm', who: 'clerk', request: { form: 'receipt', receiptNumber, paper: 'A5', copy: 'customer' }, limitMs: 100 },
    { key: 'forms.receiptRoll', label: 'print goods receipt (80 mm roll), warm', who: 'clerk', request: { form: 'receipt', receiptNumber, paper: 'roll80mm', copy: 'customer' }, limitMs: 100 },
    { key: 'forms.voucher', label: 'print service voucher (A4), warm', who: 'clerk', request: { form: 'voucher', productId: ofReceipt.productId }, limitMs: null },
    { key: 'forms.repairCard', label: 'print repair card (A5), warm', who: 'clerk', request: { form: 'repairCard', cardId: ofReceipt.cardId }, limitMs: null },
    { key: 'forms.technicianDay50', label: `print technician daily report (${fiftyLines} lines), warm`, who: 'supervisor', request: { form: 'technicianDay', date: reportDate, technicianId: fiftyLineTechnicianId }, limitMs: 300 },
    { key: 'forms.supervisorDay', label: 'print supervisor daily report (A4 landscape), warm', who: 'supervisor', request: { form: 'supervisorDay', date: reportDate }, limitMs: null },
  ];
  const figures: Figure[] = [];
  for (const form of forms) {
    let bytes = 0;
    const times = summarize(
      await sample(async () => {
        const printed = await ctx.call<PrintedForm>(form.who, 'print.form', form.request);
        bytes = Buffer.byteLength(printed.pdfBase64, 'base64');
      }, plan),
    );
    figures.push({
      key: form.key,
      label: `${form.label}, ${Math.round(bytes / 1024)} KB`,
      unit: 'ms',
      service: times,
      ratioToRaw: null,
      target: form.limitMs === null ? '(no target; time and size recorded)' : `p95 ≤ ${form.limitMs} ms`,
      meetsTarget: form.limitMs === null ? true : times.p95 <= form.limitMs,
      details: { sizeKb: Math.round(bytes / 1024) },
    });
  }
  return figures;
}
