import type { SyncAcceptedBody } from '../../src-shared/sync/sync-errors';
import type { StoreInput } from './store-report';

/** Reports stored per transaction at most: keeps a commit short while still sharing its flush. */
const MAX_BATCH = 200;

export type StoreOutcome = { ok: true; value: SyncAcceptedBody } | { ok: false; error: unknown };

/**
 * Stores a batch in one transaction and resolves, once it is committed, with one outcome per report in
 * the order given. A refused report (replayed nonce, conflicting revision) is an outcome of its own and
 * leaves nothing behind; the others are stored all the same. Rejects when nothing could be committed.
 * See sqlite-batch.ts and postgres-batch.ts.
 */
export type BatchStore = (batch: readonly StoreInput[]) => Promise<StoreOutcome[]>;

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
 * No answer is sent before the commit returns, so an acknowledged report is never lost.
 */
export function createReportWriter(storeBatch: BatchStore, writers: number): ReportWriter {
  const queue: Pending[] = [];
  let busyWriters = 0;

  async function writeBatch(batch: Pending[]): Promise<void> {
    let outcomes: StoreOutcome[];
    try {
      outcomes = await storeBatch(batch.map((item) => item.input));
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
