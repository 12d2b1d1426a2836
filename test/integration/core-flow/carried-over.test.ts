import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CALL_STATUSES } from '../../../src-shared/domain/call-states';
import { createKysely } from '../../../src-main/core/db/open';
import { carriedOverSql, isCarriedOver } from '../../../src-main/core/repos/calls';

/**
 * The dispatch board orders calls in SQLite by carriedOverSql and flags them in JavaScript with
 * isCarriedOver: the two must say the same of every call, or the board would show a carried-over call
 * after one that is not. Every status, registered before, on and after today, never dispatched or first
 * dispatched before, on or after the day it was registered.
 */
describe('carried over (跨日)', () => {
  it('is the same rule in SQL and in JavaScript for every kind of call', async () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE calls (id INTEGER PRIMARY KEY, status TEXT NOT NULL, business_date TEXT NOT NULL, first_dispatch_date TEXT)');
    const db = createKysely(sqlite);
    const today = '2026-11-24';
    const days = ['2026-11-20', '2026-11-23', today, '2026-11-25'];
    const insert = sqlite.prepare('INSERT INTO calls (status, business_date, first_dispatch_date) VALUES (?, ?, ?)');
    for (const status of CALL_STATUSES) for (const registered of days) for (const dispatched of [null, ...days]) insert.run(status, registered, dispatched);

    const rows = (await sql<{ status: (typeof CALL_STATUSES)[number]; business_date: string; first_dispatch_date: string | null; carried: number }>`
      SELECT status, business_date, first_dispatch_date, ${carriedOverSql(today)} AS carried FROM calls`.execute(db)).rows;
    expect(rows).toHaveLength(CALL_STATUSES.length * days.length * (days.length + 1));
    const disagreements = rows.filter((row) => (row.carried === 1) !== isCarriedOver(row, today));
    expect(disagreements).toEqual([]);
    // Both kinds occur, so agreeing is not trivially 'never carried over'.
    expect(new Set(rows.map((row) => row.carried))).toEqual(new Set([0, 1]));
    await db.destroy();
  });
});
