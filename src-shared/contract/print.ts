import { z } from 'zod';
import { defineMethod } from './define';
import { businessDate, id, text } from './common';

export interface PrintedForm {
  fileName: string;
  /** The PDF, base64 (JSON-only boundary); the renderer opens it in a preview or a new tab. */
  pdfBase64: string;
  /** Printed before: the form carries '重印 / reprint' with the time of the first print. */
  reprintOf: string | null;
}

/** Which form, of which record, on which paper. Labels follow the user's language; data as entered. */
export const printRequest = z.discriminatedUnion('form', [
  z.object({ form: z.literal('receipt'), receiptNumber: text(40), paper: z.enum(['roll80mm', 'A5']).default('A5'), copy: z.enum(['customer', 'shop']).default('customer') }).strict(),
  z.object({ form: z.literal('voucher'), productId: id }).strict(),
  z.object({ form: z.literal('repairCard'), cardId: id }).strict(),
  z.object({ form: z.literal('technicianDay'), date: businessDate, technicianId: id.optional() }).strict(),
  z.object({ form: z.literal('supervisorDay'), date: businessDate }).strict(),
]);

export const printMethods = {
  /** Render a printed form as a PDF from the records; every print is logged and audited. */
  'print.form': defineMethod<PrintedForm>()({ input: printRequest, access: 'calls.read', kind: 'command' }),
} as const;
