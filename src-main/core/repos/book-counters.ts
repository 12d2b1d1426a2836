import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * The next number of a book (calls, receipts) for a year. Called inside the operation's transaction:
 * if the operation fails the increment rolls back with it, so a book never has a hole.
 */
export async function nextSeq(db: Kysely<DB>, book: 'calls' | 'receipts', year: number): Promise<number> {
  const row = await db
    .insertInto('book_counters')
    .values({ book, year, last_seq: 1 })
    .onConflict((oc) => oc.columns(['book', 'year']).doUpdateSet({ last_seq: sql`last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/** `BJ01-2026-000123` for calls, `BJ01-R2026-000045` for receipts. */
export function bookNumber(branchCode: string, book: 'calls' | 'receipts', year: number, seq: number): string {
  const serial = String(seq).padStart(6, '0');
  return book === 'calls' ? `${branchCode}-${year}-${serial}` : `${branchCode}-R${year}-${serial}`;
}
