import { z } from 'zod';

/**
 * The daily reports a branch sends to head office, as they travel: an envelope carrying the report's
 * identity (branch, kind, business day, technician, revision), the sha256 of its canonical body, who
 * signed it and when, and the body itself. Parsed by the branch before it queues a report and by head
 * office before it stores one, so both refuse the same things.
 */

export const REPORT_KINDS = ['technician', 'supervisor'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const SERVICE_CATEGORIES = ['A', 'B', 'C', 'D'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** A working day has at most 24 hours; anything above is a typing error, not a long day. */
const MAX_MINUTES_PER_DAY = 24 * 60;

export const branchCodeSchema = z.string().regex(/^[A-Z]{2}[0-9]{2}$/);
export const technicianCodeSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);
const businessDay = z.iso.date();
const instant = z.iso.datetime();
// Validators only, no transforms (no trim): a parsed envelope is the very value that was hashed and sent.
const personName = z.string().min(1).max(60);
const minutes = z.number().int().min(0).max(MAX_MINUTES_PER_DAY);
const count = z.number().int().min(0).max(1_000_000);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const categoryMinutesSchema = z.object({ A: minutes, B: minutes, C: minutes, D: minutes }).strict();
export type CategoryMinutes = z.infer<typeof categoryMinutesSchema>;

export const technicianLineSchema = z
  .object({
    category: z.enum(SERVICE_CATEGORIES),
    minutes,
    /** The call-log number the work belongs to; null for category D admin tasks and other work without a call. */
    callNumber: z.string().min(1).max(40).nullable(),
    description: z.string().max(500),
  })
  .strict();
export type TechnicianLine = z.infer<typeof technicianLineSchema>;

export const technicianBodySchema = z
  .object({
    technician: z.object({ code: technicianCodeSchema, name: personName }).strict(),
    lines: z.array(technicianLineSchema).max(1000),
    totalsByCategory: categoryMinutesSchema,
    confirmedAt: instant,
  })
  .strict()
  .superRefine((body, ctx) => {
    // The totals are printed and summed at head office: they must be what the lines say.
    for (const category of SERVICE_CATEGORIES) {
      const sum = body.lines.filter((l) => l.category === category).reduce((s, l) => s + l.minutes, 0);
      if (sum !== body.totalsByCategory[category]) {
        ctx.addIssue({ code: 'custom', path: ['totalsByCategory', category], message: 'totals do not match the lines' });
      }
    }
  });
export type TechnicianReportBody = z.infer<typeof technicianBodySchema>;

export const supervisorBodySchema = z
  .object({
    minutesByTechnicianAndCategory: z
      .array(z.object({ technicianCode: technicianCodeSchema, technicianName: personName, A: minutes, B: minutes, C: minutes, D: minutes }).strict())
      .max(500),
    counts: z
      .object({
        received: count,
        dispatched: count,
        finishedOnSite: count,
        takenIn: count,
        returned: count,
        late: count,
        openAtDayEnd: count,
      })
      .strict(),
    supervisorSignedBy: personName,
    supervisorSignedAt: instant,
    managerSignedBy: personName,
    managerSignedAt: instant,
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.minutesByTechnicianAndCategory.forEach((row, i) => {
      if (seen.has(row.technicianCode)) ctx.addIssue({ code: 'custom', path: ['minutesByTechnicianAndCategory', i], message: 'technician listed twice' });
      seen.add(row.technicianCode);
    });
  });
export type SupervisorReportBody = z.infer<typeof supervisorBodySchema>;

const identity = {
  branchCode: branchCodeSchema,
  reportDate: businessDay,
  /** 1 for the first version sent; a correction after sending is the next revision, never an edit. */
  revision: z.number().int().min(1).max(10_000),
  /** sha256 (lower-case hex) of `canonicalJson(body)`. */
  contentHash: sha256Hex,
  /** The instant the report became final: the technician's confirmation, or the manager's signature. */
  signedAt: instant,
  /** Display name of whoever made it final. */
  signedBy: personName,
};

export const technicianEnvelopeSchema = z
  .object({ ...identity, kind: z.literal('technician'), technicianCode: technicianCodeSchema, body: technicianBodySchema })
  .strict()
  .refine((e) => e.technicianCode === e.body.technician.code, { path: ['technicianCode'], message: 'technicianCode differs from body.technician.code' });

export const supervisorEnvelopeSchema = z
  .object({ ...identity, kind: z.literal('supervisor'), technicianCode: z.null(), body: supervisorBodySchema })
  .strict();

export const reportEnvelopeSchema = z.discriminatedUnion('kind', [technicianEnvelopeSchema, supervisorEnvelopeSchema]);
export type TechnicianReportEnvelope = z.infer<typeof technicianEnvelopeSchema>;
export type SupervisorReportEnvelope = z.infer<typeof supervisorEnvelopeSchema>;
export type ReportEnvelope = z.infer<typeof reportEnvelopeSchema>;

/** An envelope before its content hash is computed (the Node side fills it in). */
export type ReportEnvelopeDraft =
  | (Omit<TechnicianReportEnvelope, 'contentHash'> & { contentHash?: string })
  | (Omit<SupervisorReportEnvelope, 'contentHash'> & { contentHash?: string });

/** The identity of one revision of one report: the same key at the branch and at head office. */
export function reportKey(e: Pick<ReportEnvelope, 'branchCode' | 'kind' | 'reportDate' | 'technicianCode' | 'revision'>): string {
  return `${e.branchCode}/${e.kind}/${e.reportDate}/${e.technicianCode ?? '-'}/r${e.revision}`;
}
