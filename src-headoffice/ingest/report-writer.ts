import { sql, type Kysely } from 'kysely';
import type { SyncAcceptedBody } from '../../src-shared/sync/sync-errors';
import type { HeadOfficeDB } from '../db/schema';
import { storeReportIn, type StoreInput } from './store-report';

/** Reports stored per transaction at most: keeps a commit short while still sharing its flush. */
const MAX_BATCH = 200;

export interface ReportWriter {
  /** Resolves once the report is durably committed (or refused, with nothing of it stored). */
  store(input: StoreInput): Promise<SyncAcceptedBody>;
}

interface Pending {
  input: StoreInput;
  resolve(accepted: SyncAcceptedBody): void;
  reject(error: unknown): void;
}

/**
 * Group commit: reports that arrive while a transaction is being written wait for the next one and
 * are committed together. Durability costs one flush to disk per commit (SQLite's synchronous=FULL,
 * PostgreSQL's WAL flush), so at the evening peak one flush carries many reports instead of one.
 *
 * Each report runs inside its own savepoint: a refused one (replayed nonce, conflicting revision)
 * rolls back alone, and its sender gets its own answer. No answer is sent before the commit returns,
 * so an acknowledged report is never lost.
 */
export function createReportWriter(db: Kysely<HeadOfficeDB>, writers: number): ReportWriter {
  const queue: Pending[] = [];
  let busyWriters = 0;

  async function writeBatch(batch: Pending[]): Promise<void> {
    const outcomes: ({ ok: true; value: SyncAcceptedBody } | { ok: false; error: unknown })[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        outcomes.length = 0; // a retried transaction starts over
        for (const item of batch) {
          await sql`savepoint report`.execute(trx);
          try {
            outcomes.push({ ok: true, value: await storeReportIn(trx, item.input) });
            await sql`release savepoint report`.execute(trx);
          } catch (error) {
            await sql`rollback to savepoint report`.execute(trx);
            await sql`release savepoint report`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch is stored, and every sender is told so.
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  async function drain(): Promise<void> {
    busyWriters++;
    try {
      // Let the requests already on the sockets reach the queue first: better-sqlite3 works
      // synchronously, so without this pause each commit would carry a single report.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length > 0) {
        await writeBatch(queue.splice(0, MAX_BATCH));
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      busyWriters--;
    }
  }

  return {
    store(input) {
      return new Promise<SyncAcceptedBody>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (busyWriters < writers) void drain();
      });
    },
  };
}
