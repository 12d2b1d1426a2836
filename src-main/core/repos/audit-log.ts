import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditChainCheck, AuditEntryView } from '../../../src-shared/contract/audit';
import type { DB } from '../db/schema';

export interface AuditEntry {
  at: string;
  userId: number | null;
  username: string | null;
  method: string;
  outcome: 'ok' | 'denied';
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

const GENESIS = '0'.repeat(64);

function rowHash(prevHash: string, e: { at: string; user_id: number | null; username: string | null; method: string; outcome: string; entity: string | null; entity_id: string | null; before_json: string | null; after_json: string | null }): string {
  const canonical = JSON.stringify([prevHash, e.at, e.user_id, e.username, e.method, e.outcome, e.entity, e.entity_id, e.before_json, e.after_json]);
  return createHash('sha256').update(canonical).digest('hex');
}

// No before (a creation) or no after (a deletion) is SQL NULL, not the JSON text 'null'.
const toJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Append entries to the audit log, chaining each to the last. Call inside the operation's transaction. */
export async function appendAudit(db: Kysely<DB>, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS;
  for (const e of entries) {
    const row = {
      at: e.at,
      user_id: e.userId,
      username: e.username,
      method: e.method,
      outcome: e.outcome,
      entity: e.entity,
      entity_id: e.entityId,
      before_json: toJson(e.before),
      after_json: toJson(e.after),
    };
    const hash = rowHash(prevHash, row);
    await db.insertInto('audit_log').values({ ...row, prev_hash: prevHash, hash }).execute();
    prevHash = hash;
  }
}

export async function listRecentAudit(db: Kysely<DB>, limit: number): Promise<AuditEntryView[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'username', 'method', 'outcome', 'entity', 'entity_id'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.at, username: r.username, method: r.method, outcome: r.outcome, entity: r.entity, entityId: r.entity_id }));
}

/**
 * Walk the whole chain in id order. A row whose content was changed, or a row deleted from the middle,
 * shows up as the first id whose stored hash no longer matches.
 */
export async function verifyAuditChain(db: Kysely<DB>): Promise<AuditChainCheck> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let prevHash = GENESIS;
  for (const row of rows) {
    if (row.prev_hash !== prevHash || rowHash(prevHash, row) !== row.hash) {
      return { rowsChecked: rows.length, firstBrokenId: row.id };
    }
    prevHash = row.hash;
  }
  return { rowsChecked: rows.length, firstBrokenId: null };
}
