import type { Kysely, Transaction } from 'kysely';
import { reportKey, SERVICE_CATEGORIES, type ReportEnvelope } from '../../src-shared/sync/report-envelope';
import type { SyncAcceptedBody } from '../../src-shared/sync/sync-errors';
import type { HeadOfficeDB } from '../db/schema';
import { Refusal } from '../refusal';

export interface StoreInput {
  envelope: ReportEnvelope;
  /** The body exactly as received, kept as the record. */
  rawJson: string;
  branchCode: string;
  nonce: string;
  receivedAt: string;
}

/** A report's identity as the tables key it: the technician's code, or '' for a supervisor report. */
export function identityOf(envelope: ReportEnvelope): { branch_code: string; kind: ReportEnvelope['kind']; report_date: string; technician_key: string } {
  return { branch_code: envelope.branchCode, kind: envelope.kind, report_date: envelope.reportDate, technician_key: envelope.technicianCode ?? '' };
}

/**
 * Store one report revision, idempotently, inside the caller's transaction together with its nonce, its unpacked
 * figures and the pointer to the latest revision. The same revision with the same hash again answers
 * 'duplicate'; with another hash, 409. A replayed nonce is refused (401) and leaves nothing behind.
 * Safe under concurrency on both databases: the unique identity and ON CONFLICT decide, not a prior read.
 *
 * The rules every batch store keeps: sqlite-batch.ts runs these same steps on prepared statements, and
 * postgres-batch.ts runs them for a whole batch in one statement and falls back on this, report by report.
 */
export async function storeReportIn(trx: Transaction<HeadOfficeDB>, input: StoreInput): Promise<SyncAcceptedBody> {
  const { envelope } = input;
  const key = reportKey(envelope);
  const identity = identityOf(envelope);
  const nonce = await trx
    .insertInto('request_nonces')
    .values({ branch_code: input.branchCode, nonce: input.nonce, received_at: input.receivedAt })
    .onConflict((oc) => oc.columns(['branch_code', 'nonce']).doNothing())
    .returning('nonce')
    .executeTakeFirst();
  if (!nonce) throw new Refusal(401, 'unauthorized', 'nonce_replayed');

  const inserted = await trx
    .insertInto('reports')
    .values({
      ...identity,
      revision: envelope.revision,
      content_hash: envelope.contentHash,
      signed_at: envelope.signedAt,
      signed_by: envelope.signedBy,
      envelope_json: input.rawJson,
      received_at: input.receivedAt,
    })
    .onConflict((oc) => oc.columns(['branch_code', 'kind', 'report_date', 'technician_key', 'revision']).doNothing())
    .returning('id')
    .executeTakeFirst();

  if (!inserted) {
    const existing = await trx
      .selectFrom('reports')
      .select(['id', 'content_hash'])
      .where('branch_code', '=', identity.branch_code)
      .where('kind', '=', identity.kind)
      .where('report_date', '=', identity.report_date)
      .where('technician_key', '=', identity.technician_key)
      .where('revision', '=', envelope.revision)
      .executeTakeFirstOrThrow();
    if (existing.content_hash !== envelope.contentHash) throw new Refusal(409, 'conflict', 'revision_conflict');
    const head = await trx
      .selectFrom('report_heads')
      .select('latest_report_id')
      .where('branch_code', '=', identity.branch_code)
      .where('kind', '=', identity.kind)
      .where('report_date', '=', identity.report_date)
      .where('technician_key', '=', identity.technician_key)
      .executeTakeFirst();
    return { status: 'duplicate', reportKey: key, isLatest: head?.latest_report_id === existing.id };
  }

  await insertFigures(trx, inserted.id, envelope);
  const head = await trx
    .insertInto('report_heads')
    .values({ ...identity, latest_revision: envelope.revision, latest_report_id: inserted.id })
    .onConflict((oc) =>
      oc
        .columns(['branch_code', 'kind', 'report_date', 'technician_key'])
        .doUpdateSet({ latest_revision: envelope.revision, latest_report_id: inserted.id })
        // An older revision arriving late is kept, but does not replace the newer one shown.
        .where('report_heads.latest_revision', '<', envelope.revision),
    )
    .returning('latest_report_id')
    .executeTakeFirst();
  return { status: 'stored', reportKey: key, isLatest: head?.latest_report_id === inserted.id };
}

async function insertFigures(trx: Transaction<HeadOfficeDB>, reportId: number, envelope: ReportEnvelope): Promise<void> {
  if (envelope.kind === 'technician') {
    const { technician, totalsByCategory } = envelope.body;
    await trx
      .insertInto('report_minutes')
      .values(SERVICE_CATEGORIES.map((category) => ({ report_id: reportId, technician_code: technician.code, technician_name: technician.name, category, minutes: totalsByCategory[category] })))
      .execute();
    return;
  }
  const rows = envelope.body.minutesByTechnicianAndCategory.flatMap((t) =>
    SERVICE_CATEGORIES.map((category) => ({ report_id: reportId, technician_code: t.technicianCode, technician_name: t.technicianName, category, minutes: t[category] })),
  );
  if (rows.length > 0) await trx.insertInto('report_minutes').values(rows).execute();
  const c = envelope.body.counts;
  await trx
    .insertInto('report_counts')
    .values({ report_id: reportId, received: c.received, dispatched: c.dispatched, finished_on_site: c.finishedOnSite, taken_in: c.takenIn, returned: c.returned, late: c.late, open_at_day_end: c.openAtDayEnd })
    .execute();
}

/** Forget nonces older than `before`: their requests would be refused for a stale timestamp anyway. */
export async function pruneNonces(db: Kysely<HeadOfficeDB>, before: string): Promise<void> {
  await db.deleteFrom('request_nonces').where('received_at', '<', before).execute();
}
