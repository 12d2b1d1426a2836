import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };
import type { BackupView } from '../../../src-shared/contract/backups';
import { openBranchApp } from '../../../src-main/core/branch-app';
import { backupFileOf, manifestFileOf } from '../../../src-main/core/db/backup-manifest';
import { sha256OfFile } from '../../../src-main/core/db/backup';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/core/db/migrate';
import { fixedClock } from '../../../src-main/core/clock';
import { BranchFixture, newCustomer, newProduct, requestId } from '../core-flow/branch-fixture';
import { snapshotTables } from '../../helpers/snapshot';
import { dataDirWithFixture, peek, projectedSnapshot, removeDir, tableColumns, fixtureFile } from './storage-helpers';

/**
 * 'Back up now' and 'restore' through the operations, on real files: the restored content is the
 * source as it was at backup time, table by table; the data it replaced is kept as a backup; a damaged
 * backup is refused and changes nothing.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openBranch(): Promise<BranchFixture> {
  const branch = await BranchFixture.open();
  cleanups.push(() => branch.close());
  return branch;
}

async function registerCalls(branch: BranchFixture, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await branch.as('clerk').ok('calls.register', {
      clientRequestId: requestId(),
      customer: { new: newCustomer({ name: `客户${tag}${i}`, phones: [`1391234${String(i).padStart(4, '0')}`] }) },
      product: { new: newProduct({ serial: `SN-${tag}-${i}` }) },
      fault: '不制冷',
    });
  }
}

const auditRowsUpTo = (file: string, lastId: number) =>
  peek(file, (sqlite) => sqlite.prepare('SELECT * FROM audit_log WHERE id <= ? ORDER BY id').all(lastId));

describe('a backup taken on demand', () => {
  it('is a self-contained copy whose manifest gives its schema, per-table counts, SHA-256, time and app version', async () => {
    const branch = await openBranch();
    await registerCalls(branch, 3, 'm');
    const expected = snapshotTables(branch.app.sqlite);
    const view = await branch.as('admin').ok('backups.create', {});
    const dir = branch.app.backups.dir;
    const file = backupFileOf(dir, view.id);

    const manifest = JSON.parse(readFileSync(manifestFileOf(dir, view.id), 'utf8')) as BackupView & { format: number };
    expect(manifest).toEqual({ format: 1, ...view });
    expect(view).toMatchObject({ kind: 'manual', createdAt: '2026-11-23T01:00:00.000Z', localDate: '2026-11-23', schemaVersion: LATEST_SCHEMA_VERSION, appVersion: packageJson.version, createdBy: 'admin' });
    expect(view.id).toBe('branch-manual-2026-11-23T01-00-00-000Z');
    expect(view.sha256).toBe(sha256OfFile(file));
    expect(view.sizeBytes).toBe(statSync(file).size);
    const counted = Object.fromEntries(Object.entries(expected).map(([table, s]) => [table, s.rows]));
    expect(view.tables).toEqual(counted);
    expect(view.tables.calls).toBe(3);

    // One file, no -wal beside it; nothing temporary left in the folder.
    expect(peek(file, (sqlite) => sqlite.pragma('journal_mode', { simple: true }))).toBe('delete');
    expect(readdirSync(dir).sort()).toEqual([`${view.id}.json`, `${view.id}.sqlite`]);
    expect(peek(file, (sqlite) => snapshotTables(sqlite))).toEqual(expected);

    const list = await branch.as('boss').ok('backups.list', {});
    expect(list.backups).toEqual([view]);
    expect(list.folder).toBe(dir);
    expect(list.retention).toEqual({ daily: 14, manual: 10, beforeRestore: 10, beforeMigration: null });
    const audited = branch.app.sqlite.prepare("SELECT username, entity, entity_id FROM audit_log WHERE method = 'backups.create'").all();
    expect(audited).toEqual([{ username: 'admin', entity: 'backup', entity_id: view.id }]);
    console.log(`manifest: ${Object.keys(view.tables).length} tables, ${Object.values(view.tables).reduce((a, b) => a + b, 0)} rows counted and checked`);
  });
});

describe('restore', () => {
  it('round trip: the restored content equals the source at backup time; the replaced data is kept; everyone signs in again', async () => {
    const branch = await openBranch();
    await registerCalls(branch, 6, 'a');
    const atBackup = snapshotTables(branch.app.sqlite);
    const lastAuditAtBackup = (branch.app.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    const backup = await branch.as('admin').ok('backups.create', {});

    branch.clock.advanceMs(3 * 3_600_000);
    await registerCalls(branch, 4, 'b');
    await branch.as('admin').ok('users.create', { username: 'later', displayName: '后来的人', role: 'clerk', password: 'later-password' });
    const beforeRestore = snapshotTables(branch.app.sqlite);
    expect(beforeRestore.calls!.rows).toBe(10);

    const outcome = await branch.as('boss').ok('backups.restore', { id: backup.id });
    expect(outcome.restored.id).toBe(backup.id);
    expect(outcome.signedOut).toBe(true);
    expect(outcome.safetyBackup).toMatchObject({ kind: 'beforeRestore', createdBy: 'boss', createdAt: '2026-11-23T04:00:00.000Z' });

    // Every table as it was at backup time; the audit log as it was, plus the restore itself.
    const restored = snapshotTables(branch.app.sqlite);
    const { audit_log: _auditNow, ...restoredRest } = restored;
    const { audit_log: auditAtBackup, ...atBackupRest } = atBackup;
    expect(restoredRest).toEqual(atBackupRest);
    expect(restored.audit_log!.rows).toBe(auditAtBackup!.rows + 1);
    expect(branch.app.sqlite.prepare('SELECT * FROM audit_log WHERE id <= ? ORDER BY id').all(lastAuditAtBackup)).toEqual(auditRowsUpTo(backupFileOf(branch.app.backups.dir, backup.id), lastAuditAtBackup));
    expect(branch.app.sqlite.prepare('SELECT username, method, entity_id FROM audit_log ORDER BY id DESC LIMIT 1').get()).toEqual({ username: 'boss', method: 'backups.restore', entity_id: backup.id });
    expect(branch.app.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(branch.app.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(branch.app.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');

    // Nothing lost: the data the restore replaced is a verified backup of its own.
    const safetyFile = backupFileOf(branch.app.backups.dir, outcome.safetyBackup.id);
    expect(sha256OfFile(safetyFile)).toBe(outcome.safetyBackup.sha256);
    expect(peek(safetyFile, (sqlite) => snapshotTables(sqlite))).toEqual(beforeRestore);

    // Signed out everywhere; signing in again works, and the branch goes on from the restored books.
    expect((await branch.as('clerk').call('auth.me', {})).ok || 'signed out').toBe('signed out');
    expect((await branch.as('boss').call('backups.list', {})).ok || 'signed out').toBe('signed out');
    const login = await branch.app.dispatch({ method: 'auth.login', input: { username: 'clerk', password: 'clerk-password' } });
    const token = login.sessionChange && 'set' in login.sessionChange ? login.sessionChange.set.token : undefined;
    expect(token).toBeDefined();
    expect((await branch.app.dispatch({ method: 'auth.login', input: { username: 'later', password: 'later-password' } })).result.ok).toBe(false);
    const next = await branch.app.dispatch({
      method: 'calls.register',
      input: { clientRequestId: requestId(), customer: { new: newCustomer({ name: '恢复后', phones: ['13700001111'] }) }, product: { new: newProduct({ serial: 'SN-after' }) }, fault: '异响' },
      token,
    });
    expect(next.result.ok && (next.result.data as { number: string }).number).toBe('BJ01-2026-000007');
    const chain = await branch.app.dispatch({ method: 'auth.login', input: { username: 'admin', password: 'admin-password' } });
    const adminToken = chain.sessionChange && 'set' in chain.sessionChange ? chain.sessionChange.set.token : undefined;
    const verified = await branch.app.dispatch({ method: 'audit.verifyChain', input: {}, token: adminToken });
    expect(verified.result).toMatchObject({ ok: true, data: { firstBrokenId: null } });
    const tables = Object.keys(atBackup).length;
    const rows = Object.values(atBackup).reduce((sum, t) => sum + t.rows, 0);
    console.log(`round trip: ${tables} tables, ${rows} rows compared by content hash; replaced data kept (${Object.values(beforeRestore).reduce((s, t) => s + t.rows, 0)} rows); lost = 0`);
  });

  it('a backup from an older schema (taken before a migration) comes back at the current schema', async () => {
    const dataDir = dataDirWithFixture(4);
    cleanups.push(() => removeDir(dataDir));
    const columnsAtV4 = peek(fixtureFile(4), tableColumns);
    const atV4 = peek(fixtureFile(4), (sqlite) => projectedSnapshot(sqlite, columnsAtV4));
    const app = await openBranchApp({ dataDir, clock: fixedClock(new Date('2026-11-24T01:00:00.000Z')), passwordCost: { N: 2 ** 10, r: 8, p: 1 } });
    cleanups.push(() => app.close());
    const old = app.backups.list().find((m) => m.kind === 'beforeMigration');
    expect(old).toMatchObject({ schemaVersion: 4 });

    const admin = await app.dispatch({ method: 'auth.login', input: { username: 'admin', password: 'demo-admin' } });
    const token = admin.sessionChange && 'set' in admin.sessionChange ? admin.sessionChange.set.token : undefined;
    await app.dispatch({ method: 'users.create', input: { username: 'newer', displayName: '新人', role: 'clerk', password: 'newer-password' }, token });
    const result = await app.dispatch({ method: 'backups.restore', input: { id: old!.id }, token });
    expect(result.result.ok, JSON.stringify(result.result)).toBe(true);

    expect(app.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const { audit_log: auditNow, ...now } = projectedSnapshot(app.sqlite, columnsAtV4);
    const { audit_log: auditThen, ...then } = atV4;
    expect({ ...now, kysely_migration: undefined }).toEqual({ ...then, kysely_migration: undefined });
    expect(auditNow!.rows).toBe(auditThen!.rows + 1);
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM print_log').get()).toEqual({ n: 0 });
    expect(app.sqlite.prepare("SELECT count(*) AS n FROM users WHERE username = 'newer'").get()).toEqual({ n: 0 });
    expect(app.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(readdirSync(app.backups.dir).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });
});

describe('a damaged backup', () => {
  async function damagedCase(damage: (file: string, manifestFile: string) => void) {
    const branch = await openBranch();
    await registerCalls(branch, 4, 'd');
    const backup = await branch.as('admin').ok('backups.create', {});
    await registerCalls(branch, 2, 'e');
    damage(backupFileOf(branch.app.backups.dir, backup.id), manifestFileOf(branch.app.backups.dir, backup.id));
    const before = snapshotTables(branch.app.sqlite, { except: ['audit_log'] });
    const folderBefore = readdirSync(branch.app.backups.dir).sort();
    const result = await branch.as('admin').call('backups.restore', { id: backup.id });
    // Refused, and nothing changed: not the data, not the folder (no safety copy either), not the sessions.
    expect(snapshotTables(branch.app.sqlite, { except: ['audit_log'] })).toEqual(before);
    expect(readdirSync(branch.app.backups.dir).sort()).toEqual(folderBefore);
    expect((await branch.as('clerk').call('auth.me', {})).ok).toBe(true);
    return result.ok ? null : result.error;
  }

  const rewriteManifest = (manifestFile: string, file: string, change: Record<string, unknown> = {}) => {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, sha256: sha256OfFile(file), sizeBytes: statSync(file).size, ...change }));
  };
  const flipBytes = (file: string, at: number, n: number) => {
    const fd = openSync(file, 'r+');
    const bytes = Buffer.alloc(n);
    const original = readFileSync(file).subarray(at, at + n);
    for (let i = 0; i < n; i++) bytes[i] = original[i]! ^ 0xff;
    writeSync(fd, bytes, 0, n, at);
    closeSync(fd);
  };

  it('flipped bytes: refused by the SHA-256 check, with a typed, translated error', async () => {
    const error = await damagedCase((file) => flipBytes(file, Math.floor(statSync(file).size / 2), 16));
    expect(error).toEqual({ code: 'BACKUP_DAMAGED', messageKey: 'errors.BACKUP_DAMAGED', details: { reasonKey: 'backupsUi.problem.hashMismatch' } });
  });

  it('garbage pages behind a manifest rewritten to match: refused by the integrity check', async () => {
    const error = await damagedCase((file, manifestFile) => {
      const fd = openSync(file, 'r+');
      const pageSize = 4096;
      const pages = statSync(file).size / pageSize;
      // Every page after the schema: table and index b-trees alike.
      for (let page = 2; page < pages; page++) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
      closeSync(fd);
      rewriteManifest(manifestFile, file);
    });
    expect(error?.code).toBe('BACKUP_DAMAGED');
    expect(['backupsUi.problem.integrity', 'backupsUi.problem.notADatabase']).toContain(error?.details?.reasonKey);
  });

  it('a truncated file: refused (size)', async () => {
    const error = await damagedCase((file) => writeFileSync(file, readFileSync(file).subarray(0, 8192)));
    expect(error?.details?.reasonKey).toBe('backupsUi.problem.sizeMismatch');
  });

  it('a backup written by a newer Aftercare: refused', async () => {
    const error = await damagedCase((file, manifestFile) => {
      const fd = openSync(file, 'r+');
      const version = Buffer.alloc(4);
      version.writeUInt32BE(LATEST_SCHEMA_VERSION + 1);
      writeSync(fd, version, 0, 4, 60); // user_version lives at offset 60 of the header
      closeSync(fd);
      rewriteManifest(manifestFile, file, { schemaVersion: LATEST_SCHEMA_VERSION + 1 });
    });
    expect(error?.details?.reasonKey).toBe('backupsUi.problem.tooNew');
  });

  it('a missing manifest, an unknown id or a path: NOT_FOUND or INVALID_INPUT, never a file outside the folder', async () => {
    const error = await damagedCase((_file, manifestFile) => writeFileSync(manifestFile, '{ not json'));
    expect(error?.code).toBe('NOT_FOUND');
    const branch = await openBranch();
    expect((await branch.as('admin').call('backups.restore', { id: 'branch-manual-1999' })).ok || 'refused').toBe('refused');
    for (const id of ['../branch', 'branch-../../etc/passwd', '/tmp/x', 'branch-a/b', '']) {
      const result = await branch.as('admin').call('backups.restore', { id });
      expect(result.ok ? 'ok' : result.error.code, id).toBe('INVALID_INPUT');
    }
    expect(existsSync(branch.app.backups.dir)).toBe(false);
  });
});
