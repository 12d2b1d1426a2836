import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openBranchApp } from '../../../src-main/core/branch-app';
import { fixtureFile } from '../../fixtures/build-branch-fixtures';
import { CHEAP_SCRYPT, makeTempDir, openSeededBranch, TEST_START, type TestBranch } from '../../helpers/branch';

const NEW_INDEXES = ['calls_finished_fees', 'calls_technician_work_span', 'calls_late_by_technician', 'repair_labour_technician_minutes', 'goods_ledger_brought_by'];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every SELECT the app prepares while `run` runs, with its query plan. */
async function plansOf(branch: TestBranch, run: () => Promise<unknown>): Promise<Array<{ sql: string; plan: string }>> {
  const seen: string[] = [];
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    seen.push(source);
    return prepare.call(this, source);
  } as typeof prepare;
  try {
    await run();
  } finally {
    Database.prototype.prepare = prepare;
  }
  return [...new Set(seen)]
    .filter((sql) => /^\s*(select|with)/i.test(sql))
    .map((sql) => {
      const params: string[] = Array((sql.match(/\?/g) ?? []).length).fill('x');
      const rows = prepare.call(branch.app.sqlite, `EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>;
      return { sql, plan: rows.map((r) => r.detail).join(' | ') };
    });
}

describe('migration 0009_month_summary_indexes', () => {
  it('adds the indexes to a version-8 branch and leaves its rows as they were', async () => {
    const dir = makeTempDir('aftercare-m0009-');
    const file = path.join(dir, DATABASE_FILE_NAME);
    copyFileSync(fixtureFile(8), file);
    const before = new Database(file, { readonly: true });
    const rowsBefore = ['calls', 'goods_ledger', 'repair_labour'].map((t) => before.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());
    before.close();
    expect(rowsBefore[0]!.length).toBeGreaterThan(0);

    const app = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT });
    cleanups.push(() => app.close());
    expect(app.migration.fromVersion).toBe(8);
    expect(app.migration.applied[0]).toBe('0009_month_summary_indexes');
    expect(['calls', 'goods_ledger', 'repair_labour'].map((t) => app.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())).toEqual(rowsBefore);
    const indexes = (app.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all() as string[]).filter((n) => NEW_INDEXES.includes(n));
    expect(indexes.sort()).toEqual([...NEW_INDEXES].sort());
  });

  it('is what the month summary reads through, from the indexes alone (the queries as the service sends them)', async () => {
    const branch = await openSeededBranch();
    cleanups.push(() => branch.close());
    const manager = await branch.signIn('manager');
    const plans = await plansOf(branch, () => branch.ok('reports.monthSummary', { month: '2026-03' }, manager));
    const planOf = (pattern: RegExp) => {
      const found = plans.filter((p) => pattern.test(p.sql));
      expect(found.length, `a query matching ${pattern}`).toBeGreaterThan(0);
      return found.map((p) => p.plan).join(' || ');
    };
    const days = planOf(/json_array\(count\(\*\), sum\(c\.labour_fee_fen/);
    expect(days).toContain('USING COVERING INDEX calls_finished_fees');
    // Per day: never a sort of the month's rows, never a whole table.
    expect(days).not.toMatch(/TEMP B-TREE|SCAN (calls|call_events)\b/);
    const technicians = planOf(/FROM goods_ledger g WHERE g\.brought_by = t\.value/);
    for (const index of ['goods_ledger_brought_by', 'calls_late_by_technician', 'calls_technician_work_span', 'repair_labour_technician_minutes']) {
      expect(technicians).toContain(`USING COVERING INDEX ${index}`);
    }
    expect(planOf(/sum\(c\.labour_fee_fen \+ c\.parts_fee_fen\) AS feesFen FROM calls c/)).toContain('USING COVERING INDEX calls_finished_fees');
  });
});
