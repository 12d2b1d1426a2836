import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { branchMigrations } from '../../../migrations';
import { openBranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';
import { verifyBackup } from '../../../src-main/core/db/backup-restore';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/core/db/migrate';
import { makeTempDir } from '../../helpers/branch';
import { dataDirWithFixture, fixtureFile, peek, projectedSnapshot, removeDir, schemaOf, tableColumns } from './storage-helpers';

/**
 * Every released schema version, as a real database file holding demo data (test/fixtures/branch-v<N>.sqlite),
 * opened by this Aftercare: it is migrated to the latest schema with every pre-existing table's rows
 * unchanged (count and content hash over the columns it had), the resulting schema is exactly that of
 * a fresh database, the copy taken before migrating holds the old data, and the branch works.
 */
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
/**
 * Released versions: every one below the latest, whose migration may still be in development. Its own
 * fixture is added once it ships (and is then tested too, migrating to itself).
 */
const released = Array.from({ length: LATEST_SCHEMA_VERSION - 1 }, (_, i) => i + 1);
const versions = existsSync(fixtureFile(LATEST_SCHEMA_VERSION)) ? [...released, LATEST_SCHEMA_VERSION] : released;
const names = Object.keys(branchMigrations).sort();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The migrator's own bookkeeping gains a row per migration; it is checked separately. */
const BOOKKEEPING = 'kysely_migration';

async function freshSchema(): Promise<string[]> {
  const dir = makeTempDir();
  const app = await openBranchApp({ dataDir: dir, clock: fixedClock(new Date('2026-11-24T01:00:00.000Z')), passwordCost: CHEAP });
  try {
    return schemaOf(app.sqlite);
  } finally {
    await app.close();
    removeDir(dir);
  }
}

describe('the fixture databases', () => {
  it('exist for every released schema version (to add one: npx tsx test/fixtures/build-branch-fixtures.ts)', () => {
    expect(released.filter((v) => !existsSync(fixtureFile(v))).map((v) => path.basename(fixtureFile(v)))).toEqual([]);
    for (const v of versions) expect(peek(fixtureFile(v), (sqlite) => sqlite.pragma('user_version', { simple: true })), `branch-v${v}`).toBe(v);
  });
});

describe.each(versions)('a branch database at schema version %i', (version) => {
  it('migrates to the latest with the rows of every pre-existing table unchanged, and works', async () => {
    const dataDir = dataDirWithFixture(version);
    cleanups.push(() => removeDir(dataDir));
    const columns = peek(fixtureFile(version), tableColumns);
    delete columns[BOOKKEEPING];
    const before = peek(fixtureFile(version), (sqlite) => projectedSnapshot(sqlite, columns));

    const app = await openBranchApp({ dataDir, clock: fixedClock(new Date('2026-11-24T01:00:00.000Z')), passwordCost: CHEAP });
    cleanups.push(() => app.close());
    expect(app.migration).toMatchObject({ fromVersion: version, toVersion: LATEST_SCHEMA_VERSION, applied: names.slice(version) });

    expect(projectedSnapshot(app.sqlite, columns)).toEqual(before);
    expect(app.sqlite.prepare(`SELECT name FROM ${BOOKKEEPING} ORDER BY name`).all()).toEqual(names.map((name) => ({ name })));
    expect(schemaOf(app.sqlite)).toEqual(await freshSchema());
    expect(app.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(app.sqlite.pragma('foreign_key_check')).toEqual([]);

    // The copy taken before migrating holds the old version's data, whole.
    const backups = app.backups.list();
    if (version < LATEST_SCHEMA_VERSION) {
      expect(backups.map((b) => [b.kind, b.schemaVersion])).toEqual([['beforeMigration', version]]);
      verifyBackup(app.backups.dir, backups[0]!.id);
      expect(peek(path.join(app.backups.dir, `${backups[0]!.id}.sqlite`), (sqlite) => projectedSnapshot(sqlite, columns))).toEqual(before);
    } else {
      expect(backups).toEqual([]);
    }

    // The branch works on the migrated data: sign-in, the audit chain, search, the book.
    const login = await app.dispatch({ method: 'auth.login', input: { username: 'admin', password: 'demo-admin' } });
    const admin = login.sessionChange && 'set' in login.sessionChange ? login.sessionChange.set.token : undefined;
    expect(admin, JSON.stringify(login.result)).toBeDefined();
    expect((await app.dispatch({ method: 'audit.verifyChain', input: {}, token: admin })).result).toMatchObject({ ok: true, data: { firstBrokenId: null } });
    if (version >= 3) {
      const clerkLogin = await app.dispatch({ method: 'auth.login', input: { username: 'clerk', password: 'demo-clerk' } });
      const clerk = clerkLogin.sessionChange && 'set' in clerkLogin.sessionChange ? clerkLogin.sessionChange.set.token : undefined;
      const hits = await app.dispatch({ method: 'customers.search', input: { query: '学院路' }, token: clerk });
      expect(hits.result.ok && (hits.result.data as { name: string }[]).map((h) => h.name)).toContain('王小明');
      const book = await app.dispatch({ method: 'calls.list', input: { filter: 'all', date: '2026-11-23' }, token: clerk });
      expect(book.result.ok, JSON.stringify(book.result)).toBe(true);
    }
    const rows = Object.values(before).reduce((sum, t) => sum + t.rows, 0);
    console.log(`v${version} -> v${LATEST_SCHEMA_VERSION}: ${Object.keys(before).length} tables, ${rows} rows checked by count and content hash; lost = 0`);
  });
});
