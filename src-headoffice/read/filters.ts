import { z } from 'zod';
import { branchCodeSchema, technicianCodeSchema } from '../../src-shared/sync/report-envelope';
import { Refusal } from '../refusal';

const day = z.iso.date();

export const readFilterSchema = z
  .object({
    date: day.optional(),
    from: day.optional(),
    to: day.optional(),
    branch: branchCodeSchema.optional(),
    technician: technicianCodeSchema.optional(),
    kind: z.enum(['technician', 'supervisor']).optional(),
    /** `all`: every revision, not only the latest of each report. */
    revisions: z.enum(['latest', 'all']).optional(),
  })
  .strict();

export interface ReadFilter {
  from: string;
  to: string;
  branch?: string | undefined;
  technician?: string | undefined;
  kind?: 'technician' | 'supervisor' | undefined;
  allRevisions: boolean;
}

/** A year at most per request: the views aggregate in memory-sized chunks. */
const MAX_DAYS = 366;

/** The query string of a read request: `date` or `from`+`to` (or `defaultRange`), optional branch, technician, kind. */
export function parseReadFilter(query: unknown, defaultRange?: { from: string; to: string }): ReadFilter {
  const parsed = readFilterSchema.safeParse(query ?? {});
  if (!parsed.success) {
    throw new Refusal(400, 'bad_request', 'invalid_query', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const q = parsed.data;
  const from = q.date ?? q.from ?? defaultRange?.from;
  const to = q.date ?? q.to ?? defaultRange?.to;
  if (!from || !to) throw new Refusal(400, 'bad_request', 'missing_date_range');
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0 || days >= MAX_DAYS) throw new Refusal(400, 'bad_request', 'date_range_too_long');
  return { from, to, branch: q.branch, technician: q.technician, kind: q.kind, allRevisions: q.revisions === 'all' };
}

/** The last seven business days up to today in China (UTC+8, no daylight saving), for the web page. */
export function lastWeekInChina(now: Date): { from: string; to: string } {
  const today = new Date(now.getTime() + 8 * 3_600_000);
  const weekAgo = new Date(today.getTime() - 6 * 86_400_000);
  return { from: weekAgo.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) };
}
