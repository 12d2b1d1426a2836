import type { Kysely } from 'kysely';
import type pg from 'pg';
import { reportKey, SERVICE_CATEGORIES } from '../../src-shared/sync/report-envelope';
import type { HeadOfficeDB } from '../db/schema';
import { Refusal } from '../refusal';
import type { BatchStore, StoreOutcome } from './report-writer';
import { identityOf, storeReportIn, type StoreInput } from './store-report';

/**
 * Every report of a batch in one statement, which is its own transaction: each step of storeReportIn
 * (store-report.ts) for all of them at once, the values passed as arrays. Against the statement's
 * snapshot: a nonce already used is refused; a revision already stored is a duplicate (same content,
 * keeps its nonce) or a conflict (other content, stores nothing). A report the statement inserts takes
 * its nonce in the same statement; should a concurrent batch have taken that nonce meanwhile, the
 * unique key fails the whole statement and nothing of the batch is stored.
 *
 * What the snapshot cannot tell, a revision committed by a concurrent batch after it or sent twice in
 * this batch, is left out entirely (nothing of it is inserted) and comes back unresolved.
 * Rows are inserted in key order so that concurrent batches take their locks in the same order.
 */
const STORE_BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[])
    AS t(ord, branch_code, nonce, received_at, kind, report_date, technician_key, revision, content_hash, signed_at, signed_by, envelope_json)
),
seen AS (
  SELECT i.ord FROM input i JOIN request_nonces n ON n.branch_code = i.branch_code AND n.nonce = i.nonce
),
known AS (
  SELECT i.ord, r.id, r.content_hash = i.content_hash AS same_content
  FROM input i
  JOIN reports r ON r.branch_code = i.branch_code AND r.kind = i.kind AND r.report_date = i.report_date AND r.technician_key = i.technician_key AND r.revision = i.revision
  WHERE i.ord NOT IN (SELECT ord FROM seen)
),
fresh AS (
  SELECT * FROM input WHERE ord NOT IN (SELECT ord FROM seen) AND ord NOT IN (SELECT ord FROM known)
),
new_reports AS (
  INSERT INTO reports (branch_code, kind, report_date, technician_key, revision, content_hash, signed_at, signed_by, envelope_json, received_at)
  SELECT DISTINCT ON (branch_code, kind, report_date, technician_key, revision)
    branch_code, kind, report_date, technician_key, revision, content_hash, signed_at, signed_by, envelope_json, received_at
  FROM fresh
  ORDER BY branch_code, kind, report_date, technician_key, revision, ord
  ON CONFLICT (branch_code, kind, report_date, technician_key, revision) DO NOTHING
  RETURNING id, branch_code, kind, report_date, technician_key, revision
),
stored AS (
  -- The first of the batch with that identity is the one inserted (DISTINCT ON above keeps it).
  SELECT DISTINCT ON (r.id) r.*, f.ord
  FROM new_reports r
  JOIN fresh f ON f.branch_code = r.branch_code AND f.kind = r.kind AND f.report_date = r.report_date AND f.technician_key = r.technician_key AND f.revision = r.revision
  ORDER BY r.id, f.ord
),
new_nonces AS (
  -- No ON CONFLICT: a nonce taken since the snapshot must fail the statement, not be shared.
  INSERT INTO request_nonces (branch_code, nonce, received_at)
  SELECT branch_code, nonce, received_at FROM input
  WHERE ord IN (SELECT ord FROM stored) OR ord IN (SELECT ord FROM known WHERE same_content)
  ORDER BY branch_code, nonce
),
new_minutes AS (
  INSERT INTO report_minutes (report_id, technician_code, technician_name, category, minutes)
  SELECT s.id, m.technician_code, m.technician_name, m.category, m.minutes
  FROM unnest($13::int[], $14::text[], $15::text[], $16::text[], $17::int[]) AS m(ord, technician_code, technician_name, category, minutes)
  JOIN stored s ON s.ord = m.ord
),
new_counts AS (
  INSERT INTO report_counts (report_id, received, dispatched, finished_on_site, taken_in, returned, late, open_at_day_end)
  SELECT s.id, c.received, c.dispatched, c.finished_on_site, c.taken_in, c.returned, c.late, c.open_at_day_end
  FROM unnest($18::int[], $19::int[], $20::int[], $21::int[], $22::int[], $23::int[], $24::int[], $25::int[])
    AS c(ord, received, dispatched, finished_on_site, taken_in, returned, late, open_at_day_end)
  JOIN stored s ON s.ord = c.ord
),
new_heads AS (
  INSERT INTO report_heads (branch_code, kind, report_date, technician_key, latest_revision, latest_report_id)
  SELECT DISTINCT ON (branch_code, kind, report_date, technician_key) branch_code, kind, report_date, technician_key, revision, id
  FROM stored
  ORDER BY branch_code, kind, report_date, technician_key, revision DESC
  ON CONFLICT (branch_code, kind, report_date, technician_key)
  DO UPDATE SET latest_revision = excluded.latest_revision, latest_report_id = excluded.latest_report_id
  -- An older revision arriving late is kept, but does not replace the newer one shown.
  WHERE report_heads.latest_revision < excluded.latest_revision
  RETURNING branch_code, kind, report_date, technician_key, latest_report_id
)
SELECT i.ord,
  i.ord IN (SELECT ord FROM seen) AS nonce_used,
  k.id AS known_id, k.same_content,
  s.id AS stored_id,
  -- The main query sees the snapshot: a head this statement wrote comes from new_heads, any other is as it was.
  coalesce(h.latest_report_id, old.latest_report_id) AS head_id
FROM input i
LEFT JOIN known k ON k.ord = i.ord
LEFT JOIN stored s ON s.ord = i.ord
LEFT JOIN new_heads h ON h.branch_code = i.branch_code AND h.kind = i.kind AND h.report_date = i.report_date AND h.technician_key = i.technician_key
LEFT JOIN report_heads old ON old.branch_code = i.branch_code AND old.kind = i.kind AND old.report_date = i.report_date AND old.technician_key = i.technician_key
`;

interface BatchRow {
  ord: number;
  nonce_used: boolean;
  known_id: number | null;
  same_content: boolean | null;
  stored_id: number | null;
  head_id: number | null;
}

function batchParameters(inputs: readonly { ord: number; input: StoreInput }[]): unknown[] {
  const columns: unknown[][] = Array.from({ length: 25 }, () => []);
  const push = (from: number, values: unknown[]) => values.forEach((v, i) => columns[from + i]!.push(v));
  for (const { ord, input } of inputs) {
    const { envelope } = input;
    const id = identityOf(envelope);
    push(0, [ord, input.branchCode, input.nonce, input.receivedAt, id.kind, id.report_date, id.technician_key, envelope.revision, envelope.contentHash, envelope.signedAt, envelope.signedBy, input.rawJson]);
    if (envelope.kind === 'technician') {
      const { technician, totalsByCategory } = envelope.body;
      for (const category of SERVICE_CATEGORIES) push(12, [ord, technician.code, technician.name, category, totalsByCategory[category]]);
    } else {
      for (const t of envelope.body.minutesByTechnicianAndCategory) {
        for (const category of SERVICE_CATEGORIES) push(12, [ord, t.technicianCode, t.technicianName, category, t[category]]);
      }
      const c = envelope.body.counts;
      push(17, [ord, c.received, c.dispatched, c.finishedOnSite, c.takenIn, c.returned, c.late, c.openAtDayEnd]);
    }
  }
  return columns;
}

const replayed = () => new Refusal(401, 'unauthorized', 'nonce_replayed');
const conflict = () => new Refusal(409, 'conflict', 'revision_conflict');

/** The outcome of one report from its row of the batch statement, or null when it is left unresolved. */
function outcomeOf(row: BatchRow, input: StoreInput): StoreOutcome | null {
  const key = reportKey(input.envelope);
  if (row.nonce_used) return { ok: false, error: replayed() };
  if (row.known_id !== null) {
    if (!row.same_content) return { ok: false, error: conflict() };
    return { ok: true, value: { status: 'duplicate', reportKey: key, isLatest: row.head_id === row.known_id } };
  }
  if (row.stored_id !== null) return { ok: true, value: { status: 'stored', reportKey: key, isLatest: row.head_id === row.stored_id } };
  return null;
}

/**
 * The batch store on PostgreSQL: one statement, one round trip and one commit for the whole batch, where
 * storing report by report took seven round trips per report. The few reports it leaves unresolved are
 * stored one by one afterwards, as is every report of a batch whose statement failed as a whole (a value
 * PostgreSQL refuses, a nonce raced for), so that one bad report costs only its own sender an error.
 * Answers wait for all of it, so none is sent before its own commit.
 */
export function createPostgresBatchStore(pool: pg.Pool, db: Kysely<HeadOfficeDB>, onStatementFailed: (error: unknown) => void): BatchStore {
  const storeAlone = async (input: StoreInput): Promise<StoreOutcome> => {
    try {
      return { ok: true, value: await db.transaction().execute((trx) => storeReportIn(trx, input)) };
    } catch (error) {
      return { ok: false, error };
    }
  };

  return async (batch) => {
    const outcomes: (StoreOutcome | null)[] = batch.map(() => null);
    // A nonce twice in one batch: the first takes it, as it would one by one.
    const nonces = new Set<string>();
    const sent: { ord: number; input: StoreInput }[] = [];
    batch.forEach((input, ord) => {
      const nonceKey = `${input.branchCode}\n${input.nonce}`;
      if (nonces.has(nonceKey)) outcomes[ord] = { ok: false, error: replayed() };
      else sent.push({ ord, input });
      nonces.add(nonceKey);
    });
    try {
      const { rows } = await pool.query<BatchRow>({ name: 'headoffice-store-batch', text: STORE_BATCH_SQL, values: batchParameters(sent) });
      for (const row of rows) outcomes[row.ord] = outcomeOf(row, batch[row.ord]!);
    } catch (error) {
      // The statement stored nothing: each report is tried alone below. Told, because a batch that
      // keeps failing is slow (one round trip per step of each report) and a sign of a bug.
      onStatementFailed(error);
    }
    for (const [ord, outcome] of outcomes.entries()) {
      if (!outcome) outcomes[ord] = await storeAlone(batch[ord]!);
    }
    return outcomes as StoreOutcome[];
  };
}
