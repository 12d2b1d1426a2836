import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openBranchApp, type BranchApp, type BranchAppOptions } from '../../../src-main/core/branch-app';
import { DatabaseDamagedError } from '../../../src-main/core/db/integrity';
import { quickCheckInBackground } from '../../../src-main/core/db/integrity-worker';
import { CHEAP_SCRYPT, makeTempDir, TEST_BRANCH, TEST_USERS, tokenOf } from '../../helpers/branch';
import { damageMiddle, heldCheck, largeBranch as largeBranchIn, within } from './large-branch';

/**
 * A large file is opened at once and quick-checked on a worker thread. Until the check has passed
 * nothing is written: operations that write wait for it (sign-in answers, its records held:
 * background-check-sign-in.test.ts); if it finds damage they are refused and the file keeps every byte.
 * Small files are still checked before opening (open-guards.test.ts).
 */
const dirs: string[] = [];
const apps: BranchApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = makeTempDir('aftercare-bgcheck-');
  dirs.push(dir);
  return dir;
};
const open = async (dataDir: string, options: Partial<BranchAppOptions> = {}) => {
  const app = await openBranchApp({ dataDir, passwordCost: CHEAP_SCRYPT, ...options });
  apps.push(app);
  return app;
};
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const admin = TEST_USERS.admin;
const signInAdmin = { method: 'auth.login', input: { username: admin.username, password: admin.password } };
const largeBranch = () => largeBranchIn(tempDir());

describe('a large database checked in the background', () => {
  it('damaged: opens for reading, refuses every write once the check finds it, and the file keeps every byte', async () => {
    const { dataDir, file } = await largeBranch();
    damageMiddle(file);
    const before = sha256(file);

    const check = heldCheck();
    const app = await open(dataDir, { startCheck: check.startCheck });
    // Issued before the check has said anything: sign-in answers, its audit row held; other writes wait.
    const signIn = await within(5_000, 'sign-in during the check', app.dispatch(signInAdmin));
    expect(signIn.result.ok).toBe(true);
    const setUpAgain = app.dispatch({ method: 'setup.createBranch', input: { branch: TEST_BRANCH, admin } });
    app.startBackups();
    app.startSync();
    // Nothing can reach the file meanwhile, not even a write that goes around the dispatcher.
    expect(() => app.sqlite.prepare("UPDATE branch SET name = 'changed'").run()).toThrow(/readonly/i);
    // Reads are served.
    const status = await app.dispatch({ method: 'setup.status', input: {} });
    expect(status.result).toEqual({ ok: true, data: expect.objectContaining({ isSetUp: true }) });

    check.release();
    const verdict = await app.integrity;
    expect(verdict.state).toBe('damaged');
    if (verdict.state !== 'damaged') return;
    expect(verdict.error).toBeInstanceOf(DatabaseDamagedError);
    expect(verdict.error.problems.length).toBeGreaterThan(0);

    const refused = { ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL', details: { reasonKey: 'reasons.databaseDamaged' } } };
    expect((await setUpAgain).result).toEqual(refused);
    // The sign-in's held audit row is dropped with every other write; its session still reads.
    await app.sessions.heldSignIns.whenSettled();
    expect((await app.dispatch({ method: 'auth.me', input: {}, token: tokenOf(signIn) })).result.ok).toBe(true);
    // Asked after the verdict: refused at once.
    expect((await app.dispatch(signInAdmin)).result).toEqual(refused);
    expect(() => app.sqlite.prepare("UPDATE branch SET name = 'changed'").run()).toThrow(/readonly/i);
    await app.backups.whenIdle();
    expect(app.backups.list()).toEqual([]);

    apps.splice(apps.indexOf(app), 1);
    await app.close();
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0).toBe(false);
  }, 60_000);

  it('healthy: a write issued right after opening waits for the check and then succeeds', async () => {
    const { dataDir } = await largeBranch();
    const check = heldCheck();
    const app = await open(dataDir, { startCheck: check.startCheck });
    const order: string[] = [];
    void app.integrity.then(() => order.push('check passed'));
    // Sign-in answers during the check (background-check-sign-in.test.ts); the write after it waits.
    const outcome = await within(5_000, 'sign-in during the check', app.dispatch(signInAdmin));
    expect(outcome.result.ok).toBe(true);
    const backup = app.dispatch({ method: 'backups.create', input: {}, token: tokenOf(outcome) }).then((answer) => {
      order.push('backup answered');
      return answer;
    });
    app.startBackups();
    expect(() => app.sqlite.prepare("UPDATE branch SET name = 'changed'").run()).toThrow(/readonly/i);

    check.release();
    expect((await backup).result.ok).toBe(true);
    expect(order).toEqual(['check passed', 'backup answered']);
    const verdict = await app.integrity;
    expect(verdict).toEqual({ state: 'passed', checkedInBackground: true, checkMs: expect.any(Number) });
    // The held writes are really written: the sign-in's audit row, then the backup's.
    expect(app.sqlite.prepare("SELECT method FROM audit_log WHERE method IN ('auth.login', 'backups.create') ORDER BY id").pluck().all()).toEqual(['auth.login', 'backups.create']);
    // The daily backup waited for the check too, and was then taken.
    await app.backups.whenIdle();
    expect(app.backups.list().map((b) => b.kind).sort()).toEqual(['daily', 'manual']);
  }, 60_000);

  it('a WAL left with content by a crash is checked before opening: a damaged file is refused unchanged', async () => {
    const { dataDir: source, file: sourceFile } = await largeBranch();
    // A process that wrote and was killed: its WAL still holds the commits (no checkpoint at close).
    const writer = new Database(sourceFile);
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE branch SET name = '改名后的服务站'").run();
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, DATABASE_FILE_NAME);
    copyFileSync(sourceFile, file);
    copyFileSync(`${sourceFile}-wal`, `${file}-wal`);
    writer.close();
    expect(source).not.toBe(dataDir);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    damageMiddle(file);
    const before = sha256(file);

    await expect(openBranchApp({ dataDir, passwordCost: CHEAP_SCRYPT })).rejects.toBeInstanceOf(DatabaseDamagedError);
    expect(sha256(file)).toBe(before);
  }, 60_000);
});

describe('the quick-check worker', () => {
  it('reports a sound file, lists the damage of a damaged one, and fails on its own trouble instead of calling the file damaged', async () => {
    const { file } = await largeBranch();
    expect(await quickCheckInBackground(file).report).toEqual({ problems: [] });
    // A binary that does not exist: no verdict on the file, the caller checks by itself.
    await expect(quickCheckInBackground(file, path.join(path.dirname(file), 'missing.node')).report).rejects.toThrow(/could not check the file/);
    damageMiddle(file);
    const { problems } = await quickCheckInBackground(file).report;
    expect(problems.length).toBeGreaterThan(0);
  }, 60_000);
});
