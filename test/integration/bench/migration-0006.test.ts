import path from 'node:path';
import Database from 'better-sqlite3';
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { branchMigrations } from '../../../migrations';
import { DATABASE_FILE_NAME, openBranchApp } from '../../../src-main/core/branch-app';
import { createKysely, openSqlite } from '../../../src-main/core/db/open';
import { CHEAP_SCRYPT, makeTempDir, openSeededBranch, TEST_START, type TestBranch } from '../../helpers/branch';

const NEW_INDEXES = ['calls_status_deadline', 'calls_technician_work', 'call_events_event_at', 'calls_late_arrivals', 'calls_closed_at', 'sync_outbox_report_date'];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A database left at 0005 by the migrations themselves, with a customer, a product and a call in it. */
async function databaseAtVersion5(dir: string): Promise<string> {
  const file = path.join(dir, DATABASE_FILE_NAME);
  const sqlite = openSqlite(file);
  const db = createKysely(sqlite);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...branchMigrations }) } });
  const { error } = await migrator.migrateTo('0005_print_log');
  if (error) throw error;
  sqlite.pragma('user_version = 5');
  sqlite.exec(`
    INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'clerk', '李秀英', 'clerk', 'x', '2026-03-02T01:00:00.000Z');
    INSERT INTO customers (id, name, name_initials, address, district, created_at) VALUES (1, '王小明', 'wxm', '北京市海淀区学院路35号', 'city', '2026-03-02T01:00:00.000Z');
    INSERT INTO products (id, customer_id, model, serial, warranty_months, created_at) VALUES (1, 1, 'KFR-35GW', 'KT26A0001', 12, '2026-03-02T01:00:00.000Z');
    INSERT INTO vouchers (id, product_id, created_at) VALUES (1, 1, '2026-03-02T01:00:00.000Z');
    INSERT INTO calls (id, number, year, seq, customer_id, product_id, fault, category, proposed_category, district, called_at, business_date, deadline_at, status, created_by)
      VALUES (1, 'BJ01-2026-000001', 2026, 1, 1, 1, '不制冷', 'A', 'A', 'city', '2026-03-02T01:00:00.000Z', '2026-03-02', '2026-03-02T07:00:00.000Z', 'registered', 1);`);
  await db.destroy();
  return file;
}

/** Every SQL text the app prepares while `run` runs, with its query plan. */
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
    .filter((sql) => /^\s*select/i.test(sql))
    .map((sql) => {
      const params: string[] = Array((sql.match(/\?/g) ?? []).length).fill('x');
      const rows = prepare.call(branch.app.sqlite, `EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>;
      return { sql, plan: rows.map((r) => r.detail).join(' | ') };
    });
}

const planOf = (plans: Array<{ sql: string; plan: string }>, pattern: RegExp) => {
  const found = plans.filter((p) => pattern.test(p.sql));
  expect(found.length, `a query matching ${pattern}`).toBeGreaterThan(0);
  return found.map((p) => p.plan).join(' || ');
};

describe('migration 0006_hot_query_indexes', () => {
  it('adds the indexes to a version-5 branch and leaves its rows as they were', async () => {
    const dir = makeTempDir('aftercare-m0006-');
    const file = await databaseAtVersion5(dir);
    const before = new Database(file, { readonly: true });
    const rowsBefore = ['customers', 'products', 'calls'].map((t) => before.prepare(`SELECT * FROM ${t} ORDER BY id`).all());
    before.close();

    const app = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT });
    cleanups.push(() => app.close());
    expect(app.migration.fromVersion).toBe(5);
    // Later migrations run after it; this one comes first.
    expect(app.migration.applied[0]).toBe('0006_hot_query_indexes');
    expect(['customers', 'products', 'calls'].map((t) => app.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all())).toEqual(rowsBefore);
    const indexes = (app.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all() as string[]).filter((n) => NEW_INDEXES.includes(n));
    expect(indexes.sort()).toEqual([...NEW_INDEXES].sort());
  });

  it('is what the dispatch board and the daily reports read through (the queries as the services send them)', async () => {
    const branch = await openSeededBranch();
    cleanups.push(() => branch.close());
    const supervisor = await branch.signIn('supervisor');
    const technicianId = branch.userId('technician');
    const plans = await plansOf(branch, async () => {
      await branch.ok('calls.dispatchBoard', {}, supervisor);
      await branch.ok('reports.technicianDay', { date: '2026-03-02', technicianId }, supervisor);
      await branch.ok('reports.supervisorDay', { date: '2026-03-02' }, supervisor);
    });
    // Without these, each of the queries below reads the whole calls, call_events or sync_outbox table.
    expect(planOf(plans, /from calls where status in \('registered', 'dispatched'\)\s+order by/is)).toMatch(/USING (COVERING )?INDEX (calls_status_deadline|calls_open)/);
    expect(planOf(plans, /"technician_id" (= \?|in \(\?[^)]*\)) and "work_started_at" >= \?/i)).toContain('calls_technician_work');
    expect(planOf(plans, /from "call_events" where "at" >= \?/i)).toContain('call_events_event_at');
    expect(planOf(plans, /"is_late" = \? and "arrived_at" >= \?/i)).toContain('calls_late_arrivals');
    expect(planOf(plans, /"called_at" < \? and \("closed_at" is null or "closed_at" >= \?\)/i)).toContain('calls_closed_at');
    expect(planOf(plans, /from "sync_outbox" where "report_date" = \?/i)).toContain('sync_outbox_report_date');
  });
});
