import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/**
 * The next number of a book (calls, receipts) for a year. Called inside the operation's transaction:
 * if the operation fails the increment rolls back with it, so a book never has a hole.
 */
export async function nextSeq(db: Kysely<DB>, book: 'calls' | 'receipts', year: number): Promise<number> {
  // In SQL rather than Kysely's builder: every registration runs it (see repos/calls.ts).
  const { rows } = await sql<{ last_seq: number }>`
    INSERT INTO book_counters (book, year, last_seq) VALUES (${book}, ${year}, 1)
    ON CONFLICT (book, year) DO UPDATE SET last_seq = last_seq + 1
    RETURNING last_seq`.execute(db);
  return rows[0]!.last_seq;
}

/** `BJ01-2026-000123` for calls, `BJ01-R2026-000045` for receipts. */
export function bookNumber(branchCode: string, book: 'calls' | 'receipts', year: number, seq: number): string {
  const serial = String(seq).padStart(6, '0');
  return book === 'calls' ? `${branchCode}-${year}-${serial}` : `${branchCode}-R${year}-${serial}`;
}
