import { hash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
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

interface HashedColumns {
  at: string;
  user_id: number | null;
  username: string | null;
  method: string;
  outcome: string;
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** The text a row's hash is taken over: the previous row's hash and the row's own columns, as JSON. */
export function canonicalRowText(prevHash: string, e: HashedColumns): string {
  return JSON.stringify([prevHash, e.at, e.user_id, e.username, e.method, e.outcome, e.entity, e.entity_id, e.before_json, e.after_json]);
}

function rowHash(prevHash: string, e: HashedColumns): string {
  return hash('sha256', canonicalRowText(prevHash, e));
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

/** Rows read per page while walking the chain: the log of a decade never sits in memory whole. */
const VERIFY_PAGE_ROWS = 5000;

/**
 * The canonical text of a row, built by SQLite instead of JavaScript: reading one string per row instead
 * of ten values, and skipping JSON.stringify, makes the walk about twice as fast. SQLite's json_array
 * writes the same text as JSON.stringify for the values stored here, but JavaScript's text is the one
 * that was hashed: a row whose SQL text does not match is checked again the JavaScript way before it is
 * called broken, so a difference in quoting can never be reported as tampering.
 */
export const canonicalInSql = sql<string>`json_array(prev_hash, at, user_id, username, method, outcome, entity, entity_id, before_json, after_json)`;

async function rowHashedTheJavaScriptWay(db: Kysely<DB>, id: number, prevHash: string, hash: string): Promise<boolean> {
  const row = await db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return rowHash(prevHash, row) === hash;
}

/**
 * Walk the whole chain in id order, a page at a time. A row whose content was changed, or a row
 * deleted from the middle, shows up as the first id whose stored hash no longer matches.
 */
export async function verifyAuditChain(db: Kysely<DB>): Promise<AuditChainCheck> {
  let prevHash = GENESIS;
  let rowsChecked = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['id', canonicalInSql.as('canonical'), 'prev_hash', 'hash'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(VERIFY_PAGE_ROWS)
      .execute();
    for (const row of rows) {
      rowsChecked++;
      const intact =
        row.prev_hash === prevHash &&
        (hash('sha256', row.canonical) === row.hash || (await rowHashedTheJavaScriptWay(db, row.id, prevHash, row.hash)));
      if (!intact) {
        // Count the rest too: the answer says how long the chain is, not only where it broke.
        const rest = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '>', row.id).executeTakeFirstOrThrow();
        return { rowsChecked: rowsChecked + Number(rest.n), firstBrokenId: row.id };
      }
      prevHash = row.hash;
    }
    if (rows.length < VERIFY_PAGE_ROWS) return { rowsChecked, firstBrokenId: null };
    afterId = rows[rows.length - 1]!.id;
  }
}
