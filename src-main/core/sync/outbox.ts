import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import { MAX_REPORT_BODY_BYTES } from '../../../src-shared/sync/request-signing';
import { reportEnvelopeSchema, reportKey, type ReportEnvelope, type ReportEnvelopeDraft, type ReportKind } from '../../../src-shared/sync/report-envelope';
import type { DB } from '../db/schema';
import { contentHashOf } from './hashing';

/** An instant before any real one: a new row sorts first among the due rows. */
const DUE_AT_ONCE = '1970-01-01T00:00:00.000Z';

/** The same report revision was queued before with other content: a correction needs a new revision. */
export class OutboxConflictError extends Error {
  constructor(readonly reportKey: string) {
    super(`Report ${reportKey} is already queued with other content; queue a correction as the next revision.`);
    this.name = 'OutboxConflictError';
  }
}

export interface QueuedReport {
  outboxId: number;
  reportKey: string;
  contentHash: string;
  /** False when this very revision with the same content was already in the outbox. */
  isNew: boolean;
}

/**
 * Queue a signed daily report for head office. Call it inside the transaction that signs the report,
 * so the signature and the queued copy commit together (or neither does); the pusher sends it after
 * the commit. No network here.
 *
 * The content hash is computed from the body (a given `contentHash` must match it). Queuing the same
 * revision again with the same content is a no-op; with other content it throws OutboxConflictError.
 * Throws a ZodError when the envelope does not meet the report schema, and an Error when it is over
 * head office's 1 MB limit (both bugs in the caller: the signing transaction rolls back).
 *
 * @example
 *   await db.transaction().execute(async (trx) => {
 *     // ... mark the report signed ...
 *     const revision = await nextReportRevision(trx, { kind: 'technician', reportDate, technicianCode });
 *     await enqueueReport(trx, { kind: 'technician', branchCode, reportDate, technicianCode, revision, signedAt, signedBy, body });
 *   });
 */
export async function enqueueReport(trx: Kysely<DB>, draft: ReportEnvelopeDraft): Promise<QueuedReport> {
  const contentHash = contentHashOf(draft.body);
  if (draft.contentHash !== undefined && draft.contentHash !== contentHash) {
    throw new Error(`enqueueReport: contentHash ${draft.contentHash} does not match the body (${contentHash})`);
  }
  const envelope: ReportEnvelope = reportEnvelopeSchema.parse({ ...draft, contentHash });
  const key = reportKey(envelope);
  const envelopeJson = canonicalJson(envelope);
  // Head office refuses bodies over the limit; queued, such a report would wait forever.
  if (Buffer.byteLength(envelopeJson, 'utf8') > MAX_REPORT_BODY_BYTES) {
    throw new Error(`enqueueReport: ${key} is ${Buffer.byteLength(envelopeJson, 'utf8')} bytes, over head office's ${MAX_REPORT_BODY_BYTES}`);
  }

  const existing = await trx.selectFrom('sync_outbox').select(['id', 'content_hash']).where('report_key', '=', key).executeTakeFirst();
  if (existing) {
    if (existing.content_hash !== contentHash) throw new OutboxConflictError(key);
    return { outboxId: existing.id, reportKey: key, contentHash, isNew: false };
  }
  const inserted = await trx
    .insertInto('sync_outbox')
    .values({
      report_key: key,
      kind: envelope.kind,
      report_date: envelope.reportDate,
      technician_code: envelope.technicianCode,
      revision: envelope.revision,
      content_hash: contentHash,
      envelope_json: envelopeJson,
      created_at: envelope.signedAt,
      // Due at once, whatever instant the envelope claims: the pusher's next pass (or `kick()` after
      // the commit) sends it.
      next_attempt_at: DUE_AT_ONCE,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { outboxId: inserted.id, reportKey: key, contentHash, isNew: true };
}

/**
 * The revision number a new version of a report should carry: 1 for the first, then one more than
 * the highest already queued or sent (head office keeps every revision and shows the latest).
 */
export async function nextReportRevision(
  db: Kysely<DB>,
  report: { kind: ReportKind; reportDate: string; technicianCode: string | null },
): Promise<number> {
  let query = db
    .selectFrom('sync_outbox')
    .select((eb) => eb.fn.max('revision').as('max'))
    .where('kind', '=', report.kind)
    .where('report_date', '=', report.reportDate);
  query = report.technicianCode === null ? query.where('technician_code', 'is', null) : query.where('technician_code', '=', report.technicianCode);
  const row = await query.executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

/**
 * 'Send now', the database half: every queued report and the channel become due at `now`. Safe inside
 * an operation's transaction; after the commit, `pusher.kick()` does the sending.
 */
export async function markQueueDue(trx: Kysely<DB>, now: Date): Promise<void> {
  await trx.updateTable('sync_state').set({ next_attempt_at: null }).where('id', '=', 1).execute();
  await trx.updateTable('sync_outbox').set({ next_attempt_at: now.toISOString() }).where('sent_at', 'is', null).execute();
}

export interface OutboxEntry {
  reportKey: string;
  kind: ReportKind;
  reportDate: string;
  technicianCode: string | null;
  revision: number;
  contentHash: string;
  createdAt: string;
  attempts: number;
  sentAt: string | null;
  sentResult: 'stored' | 'duplicate' | null;
}

/** Where each revision of one day's reports stands (queued or acknowledged), for the reports screen. */
export async function listOutboxForDay(db: Kysely<DB>, reportDate: string): Promise<OutboxEntry[]> {
  // Not the envelopes themselves: a day's list needs only their state, and envelopes are the bulk of the table.
  const rows = await db
    .selectFrom('sync_outbox')
    .select(['report_key', 'kind', 'report_date', 'technician_code', 'revision', 'content_hash', 'created_at', 'attempts', 'sent_at', 'sent_result'])
    .where('report_date', '=', reportDate)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    reportKey: r.report_key,
    kind: r.kind,
    reportDate: r.report_date,
    technicianCode: r.technician_code,
    revision: r.revision,
    contentHash: r.content_hash,
    createdAt: r.created_at,
    attempts: r.attempts,
    sentAt: r.sent_at,
    sentResult: r.sent_result,
  }));
}
