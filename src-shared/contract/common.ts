import { z } from 'zod';
import { isLocalDate } from '../domain/working-hours';

/**
 * Building blocks for method inputs. Messages are i18n keys (`validation.*`): the renderer translates
 * them and shows them next to the field they concern.
 */
export const text = (max: number) =>
  z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });

export const optionalText = (max: number) =>
  z.string({ error: 'validation.text' }).trim().max(max, { error: 'validation.tooLong' }).optional();

export const username = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(40, { error: 'validation.tooLong' })
  .regex(/^[a-z0-9_.-]+$/i, { error: 'validation.username' });

/** At least 8 characters; the hash is scrypt, so length is the only rule that helps. */
export const newPassword = z
  .string({ error: 'validation.required' })
  .min(8, { error: 'validation.passwordTooShort' })
  .max(200, { error: 'validation.tooLong' });

export const phone = z
  .string({ error: 'validation.required' })
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, { error: 'validation.phone' });

/** A branch code such as `BJ01`: it prefixes every book number of the branch. */
export const branchCode = z
  .string({ error: 'validation.required' })
  .trim()
  .regex(/^[A-Z]{2}[0-9]{2}$/, { error: 'validation.branchCode' });

export const id = z.number({ error: 'validation.required' }).int({ error: 'validation.id' }).positive({ error: 'validation.id' });

export const language = z.enum(['zh-CN', 'en'], { error: 'validation.language' });
export type Language = z.infer<typeof language>;

export const empty = z.object({}).strict();

/**
 * A business day `yyyy-MM-dd` in the branch's time zone, and a real one: a pattern alone let `2026-02-30`
 * through, and the date arithmetic behind it then threw (an INTERNAL error found by the API fuzz).
 */
export const businessDate = z.string({ error: 'validation.required' }).refine(isLocalDate, { error: 'validation.date' });

/** An instant, as a UTC ISO string. */
export const instant = z.iso.datetime({ error: 'validation.instant' });

/** Money in integer fen (1 yuan = 100 fen), never floats. */
export const moneyFen = z.number({ error: 'validation.required' }).int({ error: 'validation.money' }).min(0, { error: 'validation.money' }).max(100_000_000, { error: 'validation.money' });

/** A client-chosen id per attempt, so a double click or a network retry never registers twice. */
export const clientRequestId = z.string({ error: 'validation.required' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'validation.requestId' });

export const district = z.enum(['city', 'suburb'], { error: 'validation.district' });

/** Who signed the voucher: a drawn signature (PNG data URL) and/or the signer's name. */
export const signature = z
  .object({
    signerName: text(40),
    imagePng: z
      .string()
      .max(400_000, { error: 'validation.signatureTooLarge' })
      .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, { error: 'validation.signatureImage' })
      .optional(),
  })
  .strict();

export const partLine = z
  .object({
    partNo: text(40),
    name: text(80),
    quantity: z.number({ error: 'validation.required' }).int({ error: 'validation.quantity' }).min(1, { error: 'validation.quantity' }).max(999, { error: 'validation.quantity' }),
    serial: optionalText(60),
    unitPriceFen: moneyFen,
  })
  .strict();
export type PartLineInput = z.infer<typeof partLine>;

export const pageLimit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
