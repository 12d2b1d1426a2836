import type { BenchContext } from './context';
import type { Figure } from './results';
import { sample, summarize } from './stats';

/**
 * Printed forms, warm (fonts loaded, first document rendered): `print.form` through the dispatcher
 * reads the records, builds the document, renders the PDF, logs the print and audits it. The goods
 * receipt a clerk prints at take-in, and a technician's daily report of exactly 50 lines.
 */
export async function measureForms(ctx: BenchContext, plan: { runs: number; warmup: number }): Promise<Figure[]> {
  const { receiptNumber, reportDate, fiftyLineTechnicianId, fiftyLines } = ctx.meta.fixtures;
  const receipt = summarize(await sample(() => ctx.call('clerk', 'print.form', { form: 'receipt', receiptNumber, paper: 'A5', copy: 'customer' }), plan));
  const day = summarize(await sample(() => ctx.call('supervisor', 'print.form', { form: 'technicianDay', date: reportDate, technicianId: fiftyLineTechnicianId }), plan));
  return [
    { key: 'forms.receipt', label: 'print goods receipt (A5), warm', unit: 'ms', service: receipt, ratioToRaw: null, target: 'p95 ≤ 100 ms', meetsTarget: receipt.p95 <= 100 },
    {
      key: 'forms.technicianDay50',
      label: `print technician daily report (${fiftyLines} lines), warm`,
      unit: 'ms',
      service: day,
      ratioToRaw: null,
      target: 'p95 ≤ 300 ms',
      meetsTarget: day.p95 <= 300,
    },
  ];
}
