import type { PrintCommon } from '../../../src-shared/print/form-models';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { AppError, notFound } from '../app-error';
import type { Handler, OpContext } from '../operation';
import { signedIn } from '../operation';
import { buildReceipt } from '../print/receipt';
import { buildRepairCard } from '../print/repair-card';
import { buildSupervisorDay } from '../print/supervisor-day';
import { buildTechnicianDay } from '../print/technician-day';
import { buildVoucher } from '../print/voucher';
import { renderPdf } from '../print/render';
import { loadPrintSettings, savePrintSettings } from '../repos/settings';
import { printBranch, receiptModel, repairCardModel, supervisorDayModel, technicianDayModel, voucherModel } from '../repos/print-models';
import { dayContext } from './day-context';
import { getSupervisorDay, getTechnicianDay } from './reports';

/** The first print of this record, if any: a later print is marked as a reprint of it. */
async function firstPrint(ctx: OpContext, form: string, recordKey: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('print_log').select('printed_at').where('form', '=', form).where('record_key', '=', recordKey).orderBy('id').executeTakeFirst();
  return row?.printed_at ?? null;
}

/**
 * Build the form from the records, render it, log the print (so the next one is a reprint) and audit
 * it. Labels follow the user's language; data is printed as entered.
 */
export const printForm: Handler<'print.form'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const user = await ctx.db.selectFrom('users').select('language').where('id', '=', session.userId).executeTakeFirstOrThrow();
  const { calendar, today } = await dayContext(ctx);
  const printedAt = ctx.now.toISOString();
  const settings = await loadPrintSettings(ctx.db);

  let recordKey: string;
  let paper: string;
  let build: (common: PrintCommon) => Promise<TDocumentDefinitions | undefined>;
  switch (input.form) {
    case 'receipt':
      recordKey = `${input.receiptNumber.trim().toUpperCase()}/${input.copy}`;
      {
        const receiptPaper = input.paper ?? settings.receiptPaper;
        paper = receiptPaper;
        build = async (common) => {
          const model = await receiptModel(ctx.db, input.receiptNumber.trim().toUpperCase(), common, input.copy);
          return model && buildReceipt(model, receiptPaper);
        };
      }
      break;
    case 'voucher':
      recordKey = String(input.productId);
      paper = 'A4';
      build = async (common) => {
        const model = await voucherModel(ctx.db, input.productId, common);
        return model && buildVoucher(model);
      };
      break;
    case 'repairCard':
      recordKey = String(input.cardId);
      paper = 'A5';
      build = async (common) => {
        const model = await repairCardModel(ctx.db, input.cardId, today, common);
        return model && buildRepairCard(model);
      };
      break;
    case 'technicianDay': {
      const view = await getTechnicianDay(ctx, { date: input.date, ...(input.technicianId ? { technicianId: input.technicianId } : {}) });
      recordKey = `${view.technician.code}/${input.date}`;
      paper = 'A4';
      build = async (common) => buildTechnicianDay(technicianDayModel(view, await printBranch(ctx.db), common));
      break;
    }
    case 'supervisorDay': {
      const view = await getSupervisorDay(ctx, { date: input.date });
      recordKey = `${input.date}/r${view.revision}`;
      paper = 'A4landscape';
      build = async (common) => buildSupervisorDay(supervisorDayModel(view, await printBranch(ctx.db), common));
      break;
    }
  }

  const reprintOf = await firstPrint(ctx, input.form, recordKey);
  const doc = await build({ language: user.language, timeZone: calendar.timeZone, printedAt, reprintOf });
  // A voucher is looked up by its product: 'entities.voucher' has no translation (found by the API fuzz).
  if (!doc) throw notFound(input.form === 'voucher' ? 'product' : input.form);
  let pdf: Buffer;
  try {
    pdf = await renderPdf(doc);
  } catch (error) {
    throw Object.assign(new AppError('INTERNAL'), { cause: error });
  }
  await ctx.db.insertInto('print_log').values({ form: input.form, record_key: recordKey, paper, language: user.language, printed_at: printedAt, user_id: session.userId }).execute();
  ctx.audit('print', `${input.form}/${recordKey}`, null, { paper, output: input.output, language: user.language, reprintOf, bytes: pdf.length });
  return {
    fileName: `${input.form}-${recordKey.replace(/[^A-Za-z0-9-]+/g, '_')}.pdf`,
    printer: settings.printers[input.form],
    // Only the counter's receipt roll may skip the dialog: a wrong A4 print wastes paper unseen.
    silent: input.output === 'print' && input.form === 'receipt' && paper === 'roll80mm' && settings.receiptRollSilent,
    output: input.output,
    pdfBase64: pdf.toString('base64'),
    reprintOf,
  };
};

export const getPrintSettings: Handler<'print.getSettings'> = async (ctx) => loadPrintSettings(ctx.db);

export const setPrintSettings: Handler<'print.setSettings'> = async (ctx, input) => {
  const before = await loadPrintSettings(ctx.db);
  // An empty printer name means the system's default printer.
  const printers = Object.fromEntries(Object.entries(input.settings.printers).map(([form, name]) => [form, name ? name : null])) as typeof input.settings.printers;
  const settings = { ...input.settings, printers };
  await savePrintSettings(ctx.db, settings, ctx.now.toISOString());
  ctx.audit('settings', 'print', before, settings);
  return settings;
};
