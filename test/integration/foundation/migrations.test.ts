import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { branchMigrations } from '../../../migrations';
import { DATABASE_FILE_NAME, openBranchApp } from '../../../src-main/core/branch-app';
import { LATEST_SCHEMA_VERSION, migrateToLatest, SchemaTooNewError } from '../../../src-main/core/db/migrate';
import { createKysely, openSqlite, type Sqlite } from '../../../src-main/core/db/open';
import type { DB } from '../../../src-main/core/db/schema';
import { CHEAP_SCRYPT, makeTempDir, TEST_START } from '../../helpers/branch';
import { hashFile, listTables } from '../../helpers/snapshot';

const names = Object.keys(branchMigrations).sort();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function openRaw(file: string): { sqlite: Sqlite; db: ReturnType<typeof createKysely> } {
  const sqlite = openSqlite(file);
  const db = createKysely(sqlite);
  cleanups.push(() => db.destroy());
  return { sqlite, db };
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: 0 | 1;
  pk: number;
}
const columnsOf = (sqlite: Sqlite, table: string) =>
  (sqlite.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`).all(table) as ColumnInfo[]).map(
    (c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ' PK' : ''}`,
  );

/**
 * The foundation's tables as the code expects them. Typed against the Kysely `DB` interface: a column
 * added to or missing from schema.ts without the other side is a compile error here, and a column the
 * migrations create differently is a test failure.
 */
type Expected<T extends keyof DB> = { readonly [C in keyof DB[T]]-?: string };
const FOUNDATION_TABLES: { readonly [T in 'branch' | 'users' | 'settings' | 'audit_log']: Expected<T> } = {
  branch: {
    id: 'INTEGER PK',
    code: 'TEXT NOT NULL',
    name: 'TEXT NOT NULL',
    address: 'TEXT NOT NULL',
    phone: 'TEXT NOT NULL',
    time_zone: 'TEXT NOT NULL',
    created_at: 'TEXT NOT NULL',
  },
  users: {
    id: 'INTEGER PK',
    username: 'TEXT NOT NULL',
    display_name: 'TEXT NOT NULL',
    role: 'TEXT NOT NULL',
    password_hash: 'TEXT NOT NULL',
    language: 'TEXT NOT NULL',
    is_active: 'INTEGER NOT NULL',
    failed_logins: 'INTEGER NOT NULL',
    last_failed_at: 'TEXT',
    created_at: 'TEXT NOT NULL',
  },
  settings: { key: 'TEXT NOT NULL PK', value_json: 'TEXT NOT NULL', updated_at: 'TEXT NOT NULL' },
  audit_log: {
    id: 'INTEGER PK',
    at: 'TEXT NOT NULL',
    user_id: 'INTEGER',
    username: 'TEXT',
    method: 'TEXT NOT NULL',
    outcome: 'TEXT NOT NULL',
    entity: 'TEXT',
    entity_id: 'TEXT',
    before_json: 'TEXT',
    after_json: 'TEXT',
    prev_hash: 'TEXT NOT NULL',
    hash: 'TEXT NOT NULL',
  },
};

describe('migrations from zero', () => {
  it('are a static, ordered registry of NNNN_snake_name entries', () => {
    expect(names.length).toBeGreaterThanOrEqual(1);
    expect(names[0]).toBe('0001_foundation');
    for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
    expect(new Set(names.map((n) => n.slice(0, 4))).size).toBe(names.length);
    expect(LATEST_SCHEMA_VERSION).toBe(names.length);
  });

  it('build every table on an empty database, and set user_version to the number of migrations', async () => {
    const dir = makeTempDir();
    const { sqlite, db } = openRaw(path.join(dir, DATABASE_FILE_NAME));
    const outcome = await migrateToLatest(db, sqlite, { backupDir: path.join(dir, 'backups'), now: TEST_START });
    expect(outcome).toEqual({ fromVersion: 0, toVersion: names.length, applied: names, backupFile: null });
    expect(sqlite.pragma('user_version', { simple: true })).toBe(names.length);
    expect(existsSync(path.join(dir, 'backups'))).toBe(false);

    const tables = listTables(sqlite);
    for (const [table, columns] of Object.entries(FOUNDATION_TABLES)) {
      expect(tables).toContain(table);
      expect(columnsOf(sqlite, table), table).toEqual(Object.entries(columns).map(([name, spec]) => `${name} ${spec}`));
    }
    const recorded = await db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(recorded.map((r) => (r as { name: string }).name)).toEqual(names);
  });

  it('leave a consistent schema: snake_case names, STRICT tables, foreign keys that point at real columns', async () => {
    const dir = makeTempDir();
    const { sqlite, db } = openRaw(path.join(dir, DATABASE_FILE_NAME));
    await migrateToLatest(db, sqlite, { backupDir: path.join(dir, 'backups'), now: TEST_START });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);

    const ownTables = (sqlite.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'").all() as { name: string; sql: string }[])
      .filter((t) => !/^CREATE VIRTUAL TABLE/i.test(t.sql))
      .filter((t, _i, all) => !all.some((v) => v !== t && t.name.startsWith(`${v.name}_`) && /VIRTUAL/i.test(v.sql)));
    const virtualNames = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[]).map((v) => v.name);
    const appTables = ownTables.filter((t) => !virtualNames.some((v) => t.name.startsWith(`${v}_`)));
    expect(appTables.length).toBeGreaterThanOrEqual(4);
    for (const table of appTables) {
      expect(table.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(table.sql, `${table.name} is STRICT`).toMatch(/\)\s*STRICT\b/i);
      for (const column of sqlite.prepare('SELECT name FROM pragma_table_info(?)').all(table.name) as { name: string }[]) {
        expect(column.name, table.name).toMatch(/^[a-z][a-z0-9_]*$/);
      }
      const keys = sqlite.prepare('SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)').all(table.name) as { table: string; from: string; to: string | null }[];
      for (const key of keys) {
        const targetColumns = (sqlite.prepare('SELECT name, pk FROM pragma_table_info(?)').all(key.table) as { name: string; pk: number }[]);
        expect(targetColumns.length, `${table.name}.${key.from} -> ${key.table}`).toBeGreaterThan(0);
        const to = key.to ?? targetColumns.find((c) => c.pk === 1)?.name;
        expect(targetColumns.map((c) => c.name), `${table.name}.${key.from} -> ${key.table}.${to}`).toContain(to);
      }
    }
  });

  it('guard the audit log with append-only triggers', async () => {
    const dir = makeTempDir();
    const { sqlite, db } = openRaw(path.join(dir, DATABASE_FILE_NAME));
    await migrateToLatest(db, sqlite, { backupDir: path.join(dir, 'backups'), now: TEST_START });
    const triggers = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(triggers).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
  });

  it('do nothing on a second start', async () => {
    const dir = makeTempDir();
    const first = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT });
    await first.close();
    const second = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT });
    cleanups.push(() => second.close());
    expect(second.migration).toEqual({ fromVersion: names.length, toVersion: names.length, applied: [], backupFile: null });
  });
});

describe('the connection', () => {
  it('runs in WAL mode with synchronous=FULL, foreign keys on and a busy timeout', async () => {
    const dir = makeTempDir();
    const app = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT });
    cleanups.push(() => app.close());
    expect(app.file).toBe(path.join(dir, 'branch.sqlite'));
    expect(app.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(app.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(app.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(app.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
  });
});

describe('a database from a newer Aftercare', () => {
  async function expectRefusedUnchanged(dir: string): Promise<void> {
    const file = path.join(dir, DATABASE_FILE_NAME);
    const before = hashFile(file);
    const error = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect(error).toMatchObject({ fileVersion: LATEST_SCHEMA_VERSION + 5, appVersion: LATEST_SCHEMA_VERSION });
    expect((error as Error).message).toContain('newer version of Aftercare');
    expect(hashFile(file)).toBe(before);
    expect(existsSync(path.join(dir, 'backups'))).toBe(false);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    raw.close();
  }

  it('is refused with SchemaTooNewError and its bytes unchanged (a WAL-mode file)', async () => {
    const dir = makeTempDir();
    const app = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT });
    app.sqlite.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    await app.close();
    await expectRefusedUnchanged(dir);
  });

  it('is refused with its bytes unchanged even when it is not in WAL mode', async () => {
    const dir = makeTempDir();
    const raw = new Database(path.join(dir, DATABASE_FILE_NAME));
    raw.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY, note TEXT) STRICT');
    raw.prepare('INSERT INTO future_things (note) VALUES (?)').run('from the future');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
    await expectRefusedUnchanged(dir);
  });
});

describe('migrating an existing older database', () => {
  /** A database as the first release left it: only 0001 applied, through the same Migrator. */
  async function createVersion1(dir: string): Promise<void> {
    const { sqlite, db } = openRaw(path.join(dir, DATABASE_FILE_NAME));
    const first = branchMigrations['0001_foundation']!;
    const migrator = new Migrator({
      db,
      provider: {
        getMigrations: async () => ({
          '0001_foundation': {
            up: async (trx) => {
              await first.up(trx);
              await sql.raw('PRAGMA user_version = 1').execute(trx);
            },
          },
        }),
      },
    });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    sqlite.prepare("INSERT INTO branch (id, code, name, address, phone, created_at) VALUES (1, 'BJ01', '北京站', '北京', '010-1234567', ?)").run(TEST_START.toISOString());
    sqlite.prepare("INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('old', '老用户', 'clerk', 'scrypt$x', ?)").run(TEST_START.toISOString());
    expect(sqlite.pragma('user_version', { simple: true })).toBe(1);
    await db.destroy();
    cleanups.pop();
  }

  it.skipIf(names.length < 2)('writes a backup of the old version first, then migrates and keeps the data', async () => {
    const dir = makeTempDir();
    await createVersion1(dir);
    const app = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT });
    cleanups.push(() => app.close());
    expect(app.migration.fromVersion).toBe(1);
    expect(app.migration.toVersion).toBe(names.length);
    expect(app.migration.applied).toEqual(names.slice(1));
    expect(app.migration.backupFile).toBe(path.join(dir, 'backups', 'branch-before-migration-v1-2026-03-02T01-00-00-000Z.sqlite'));
    // The copy and its manifest (src-main/core/db/backup-manifest.ts).
    expect(readdirSync(path.join(dir, 'backups')).sort()).toEqual(['branch-before-migration-v1-2026-03-02T01-00-00-000Z.json', 'branch-before-migration-v1-2026-03-02T01-00-00-000Z.sqlite']);

    const backup = new Database(app.migration.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT username FROM users').all()).toEqual([{ username: 'old' }]);
    const backupTables = (backup.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'kysely_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(backupTables).toEqual(['audit_log', 'branch', 'settings', 'users']);
    backup.close();

    expect(app.sqlite.prepare('SELECT username, display_name FROM users').all()).toEqual([{ username: 'old', display_name: '老用户' }]);
    expect(app.sqlite.prepare('SELECT code FROM branch').all()).toEqual([{ code: 'BJ01' }]);
  });

  it('writes no backup when the existing database is already current', async () => {
    const dir = makeTempDir();
    await (await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT })).close();
    const again = await openBranchApp({ dataDir: dir, clock: { now: () => TEST_START }, passwordCost: CHEAP_SCRYPT });
    cleanups.push(() => again.close());
    expect(again.migration.backupFile).toBeNull();
    expect(existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});
