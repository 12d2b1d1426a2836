import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../../src-main/core/db/open';
import { listTables } from '../../helpers/snapshot';

/**
 * "A refused call changes nothing", checked by content: a sha256 over every row of every table except
 * the audit log, before and after the call. The audit log is checked apart: a refusal may add only
 * denial rows (dispatch.ts writes one for a missing permission, auth.ts one for a refused sign-in).
 * The one designed exception is a wrong password, counted on the user (failed_logins, last_failed_at)
 * after the rollback: for auth.login those two columns are left out of the hash.
 *
 * Speed: hashing the whole store costs 2-30 ms as the fuzz grows it, and there are 55,000 calls.
 * - SQLite's total_changes() counts every row any INSERT, UPDATE or DELETE on this connection touched
 *   (triggers included, rolled back or not). A refusal that wrote nothing at all leaves it still, and is
 *   unchanged without hashing; every CROSS_CHECK_EVERY-th refusal is hashed anyway, to keep that honest.
 * - A refusal that did write is hashed in full, afresh, and compared with the "before" hash. That one is
 *   kept per table and recomputed only for tables whose committed-change counter moved: TEMP triggers
 *   (in this connection's temp schema, invisible to the branch file) count committed inserts, updates
 *   and deletes per table, and roll back with a refused transaction like everything else. FTS5 shadow
 *   tables take no triggers; they are rehashed whenever total_changes moved.
 */
const CROSS_CHECK_EVERY = 50;
const COUNTERS = 'temp.fuzz_table_changes';

export interface AuditRow {
  method: string;
  outcome: string;
}

export interface Verdict {
  changed: boolean;
  /** Audit rows the call wrote. */
  audit: AuditRow[];
}

interface TableEntry {
  table: string;
  rows: Statement;
  hasTrigger: boolean;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class StoreGuard {
  readonly #tables: TableEntry[];
  readonly #counters: Statement;
  readonly #totalChanges: Statement;
  readonly #lastAudit: Statement;
  readonly #auditSince: Statement;
  readonly #userColumns: string[];
  /** Per table: the hash and the counter value (or total_changes, for shadow tables) it was taken at. */
  readonly #cache = new Map<string, { mark: number; ignore: boolean; hash: string }>();
  #refusals = 0;
  /** How many refusals were compared by a full fresh content hash (the rest by the change count). */
  hashedRefusals = 0;
  /** Time spent hashing, for the printed figures. */
  hashMs = 0;

  constructor(sqlite: Sqlite) {
    sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS fuzz_table_changes (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
    this.#tables = listTables(sqlite)
      .filter((t) => t !== 'audit_log')
      .map((table) => {
        const width = sqlite.prepare('SELECT count(*) FROM pragma_table_info(?)').pluck().get(table) as number;
        // Ordered by every column: equal contents give equal hashes, whatever order the pages hold the rows in.
        const order = Array.from({ length: width }, (_v, i) => i + 1).join(', ');
        return { table, rows: sqlite.prepare(`SELECT * FROM ${quote(table)} ORDER BY ${order}`).raw(), hasTrigger: this.#addTriggers(sqlite, table) };
      });
    this.#counters = sqlite.prepare(`SELECT tbl, n FROM ${COUNTERS}`).raw();
    this.#totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
    this.#lastAudit = sqlite.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck();
    this.#auditSince = sqlite.prepare('SELECT method, outcome FROM audit_log WHERE id > ? ORDER BY id');
    this.#userColumns = sqlite.prepare("SELECT name FROM pragma_table_info('users') ORDER BY cid").pluck().all() as string[];
  }

  /**
   * After a restore: the backup API rewrote the file under the connection without firing a trigger, so
   * no cached table hash can be trusted, and the triggers are re-created should the rewrite have dropped them.
   */
  invalidate(sqlite: Sqlite): void {
    this.#cache.clear();
    for (const entry of this.#tables) if (entry.hasTrigger) this.#addTriggers(sqlite, entry.table);
  }

  #addTriggers(sqlite: Sqlite, table: string): boolean {
    try {
      sqlite.prepare(`INSERT OR IGNORE INTO ${COUNTERS} VALUES (?, 0)`).run(table);
      const literal = `'${table.replace(/'/g, "''")}'`;
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`fuzz_${event}_${table}`)} AFTER ${event} ON main.${quote(table)} BEGIN UPDATE ${COUNTERS} SET n = n + 1 WHERE tbl = ${literal}; END`);
      }
      return true;
    } catch {
      return false;
    }
  }

  #hashTable(entry: TableEntry, ignoreLoginCounters: boolean): string {
    const started = performance.now();
    const hash = createHash('sha256');
    const skip = ignoreLoginCounters && entry.table === 'users' ? new Set(['failed_logins', 'last_failed_at'].map((c) => this.#userColumns.indexOf(c))) : null;
    for (const row of entry.rows.all() as unknown[][]) {
      const values = row.map((v, i) => (skip?.has(i) ? null : Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : v));
      hash.update(JSON.stringify(values));
      hash.update('\n');
    }
    this.hashMs += performance.now() - started;
    return hash.digest('hex');
  }

  /** The content hash of every table but the audit log; `fresh` ignores every cached table hash. */
  hash(ignoreLoginCounters: boolean, fresh = false): string {
    const counters = new Map(this.#counters.all() as [string, number][]);
    const changes = this.#totalChanges.get() as number;
    const all = createHash('sha256');
    for (const entry of this.#tables) {
      const mark = entry.hasTrigger ? counters.get(entry.table)! : changes;
      const ignore = ignoreLoginCounters && entry.table === 'users';
      const cached = this.#cache.get(entry.table);
      let hash = cached && !fresh && cached.mark === mark && cached.ignore === ignore ? cached.hash : null;
      if (hash === null) {
        hash = this.#hashTable(entry, ignore);
        this.#cache.set(entry.table, { mark, ignore, hash });
      }
      all.update(`${entry.table}:${hash}\n`);
    }
    return all.digest('hex');
  }

  /** Run `act`; for a refusal (`isRefusal(result)`), report whether the store changed and what was audited. */
  async around<T>(act: () => Promise<T>, isRefusal: (result: T) => boolean, options: { ignoreLoginCounters?: boolean } = {}): Promise<{ result: T; verdict: Verdict | null }> {
    const ignore = options.ignoreLoginCounters ?? false;
    const before = this.hash(ignore);
    const changesBefore = this.#totalChanges.get() as number;
    const lastAuditId = this.#lastAudit.get() as number;
    const result = await act();
    if (!isRefusal(result)) return { result, verdict: null };
    this.#refusals += 1;
    const audit = this.#auditSince.all(lastAuditId) as AuditRow[];
    const wrote = (this.#totalChanges.get() as number) !== changesBefore;
    if (!wrote && this.#refusals % CROSS_CHECK_EVERY !== 0) return { result, verdict: { changed: false, audit } };
    this.hashedRefusals += 1;
    return { result, verdict: { changed: this.hash(ignore, true) !== before, audit } };
  }
}
