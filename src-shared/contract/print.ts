import { z } from 'zod';
import { defineMethod } from './define';
import { businessDate, id, text } from './common';

export const PRINTED_FORMS = ['receipt', 'voucher', 'repairCard', 'technicianDay', 'supervisorDay'] as const;
export type PrintedFormName = (typeof PRINTED_FORMS)[number];
export const RECEIPT_PAPERS = ['roll80mm', 'A5'] as const;

/** A printer's name as the system lists it; null (or empty) for the system's default printer. */
const printerName = z.string({ error: 'validation.text' }).trim().max(120, { error: 'validation.tooLong' }).nullable();

/**
 * How this branch prints: the receipt's paper (80 mm roll at the counter, or A5), the printer per form
 * (null: the system's default printer) and, for the receipt roll, printing without the print dialog.
 * The desktop app honours the printers and the silent roll; browser mode opens the PDF in a tab.
 */
export const printSettingsSchema = z
  .object({
    receiptPaper: z.enum(RECEIPT_PAPERS, { error: 'validation.invalid_value' }),
    receiptRollSilent: z.boolean({ error: 'validation.invalid_type' }),
    printers: z.object({ receipt: printerName, voucher: printerName, repairCard: printerName, technicianDay: printerName, supervisorDay: printerName }).strict(),
  })
  .strict();
export type PrintSettings = z.infer<typeof printSettingsSchema>;

export const DEFAULT_PRINT_SETTINGS: PrintSettings = Object.freeze({
  receiptPaper: 'A5',
  receiptRollSilent: false,
  printers: { receipt: null, voucher: null, repairCard: null, technicianDay: null, supervisorDay: null },
});

export interface PrintedForm {
  fileName: string;
  /** The printer this form goes to (null: the system default) and whether to skip the print dialog. */
  printer: string | null;
  silent: boolean;
  output: 'print' | 'pdf';
  /** The PDF, base64 (JSON-only boundary); the renderer opens it in a preview or a new tab. */
  pdfBase64: string;
  /** Printed before: the form carries '重印 / reprint' with the time of the first print. */
  reprintOf: string | null;
}

/** Which form, of which record, on which paper. Labels follow the user's language; data as entered. */
/**
 * Where the form goes: to a printer (the desktop app shows its preview, or prints the receipt roll
 * straight away; browser mode opens it in a tab) or saved as a PDF file. Both are prints, logged alike.
 */
const output = z.enum(['print', 'pdf'], { error: 'validation.invalid_value' }).default('print');

export const printRequest = z.discriminatedUnion('form', [
  // Without a paper, the receipt prints on the paper chosen in the settings.
  z.object({ form: z.literal('receipt'), receiptNumber: text(40), paper: z.enum(RECEIPT_PAPERS).optional(), copy: z.enum(['customer', 'shop']).default('customer'), output }).strict(),
  z.object({ form: z.literal('voucher'), productId: id, output }).strict(),
  z.object({ form: z.literal('repairCard'), cardId: id, output }).strict(),
  z.object({ form: z.literal('technicianDay'), date: businessDate, technicianId: id.optional(), output }).strict(),
  z.object({ form: z.literal('supervisorDay'), date: businessDate, output }).strict(),
]);

export const printMethods = {
  /** Render a printed form as a PDF from the records; every print is logged and audited. */
  'print.form': defineMethod<PrintedForm>()({ input: printRequest, access: 'calls.read', kind: 'command' }),
  'print.getSettings': defineMethod<PrintSettings>()({ input: z.object({}).strict(), access: 'signedIn', kind: 'query' }),
  /** Paper and printer per form; audited. */
  'print.setSettings': defineMethod<PrintSettings>()({ input: z.object({ settings: printSettingsSchema }).strict(), access: 'settings.manage', kind: 'command' }),
} as const;
