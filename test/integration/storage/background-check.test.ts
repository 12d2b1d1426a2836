import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openBranchApp, type BranchApp } from '../../../src-main/core/branch-app';
import { BACKGROUND_CHECK_MIN_BYTES, DatabaseDamagedError } from '../../../src-main/core/db/integrity';
import { quickCheckInBackground } from '../../../src-main/core/db/integrity-worker';
import { CHEAP_SCRYPT, makeTempDir, TEST_BRANCH, TEST_USERS, tokenOf } from '../../helpers/branch';

/**
 * A large file is opened at once and quick-checked on a worker thread. Until the check has passed
 * nothing is written: operations that write wait for it; if it finds damage they are refused and the
 * file keeps every byte. Small files are still checked before opening (open-guards.test.ts).
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
const open = async (dataDir: string) => {
  const app = await openBranchApp({ dataDir, passwordCost: CHEAP_SCRYPT });
  apps.push(app);
  return app;
};
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const admin = TEST_USERS.admin;
const signInAdmin = { method: 'auth.login', input: { username: admin.username, password: admin.password } };

/**
 * A set-up branch grown past the size that is checked in the background: real app tables, plus an
 * indexed table of filler rows so that the middle of the file is b-tree pages the check walks.
 */
async function largeBranch(): Promise<{ dataDir: string; file: string }> {
  const dataDir = tempDir();
  const app = await openBranchApp({ dataDir, passwordCost: CHEAP_SCRYPT });
  const setUp = await app.dispatch({ method: 'setup.createBranch', input: { branch: TEST_BRANCH, admin } });
  expect(setUp.result.ok).toBe(true);
  app.sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE INDEX filler_body ON filler(body)');
  const insert = app.sqlite.prepare('INSERT INTO filler (body) VALUES (?)');
  app.sqlite.transaction(() => {
    for (let i = 0; i < 90_000; i++) insert.run(`${String(i * 7919).padStart(12, '0')} 售后通 filler row ${'x'.repeat(90)} ${i}`);
  })();
  app.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await app.close();
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  expect(statSync(file).size).toBeGreaterThan(BACKGROUND_CHECK_MIN_BYTES);
  expect(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0).toBe(false);
  return { dataDir, file };
}

/** Garbage over three pages in the middle of the file. */
function damageMiddle(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096 * 3, 0xa5), 0, 4096 * 3, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
}

describe('a large database checked in the background', () => {
  it('damaged: opens for reading, refuses every write once the check finds it, and the file keeps every byte', async () => {
    const { dataDir, file } = await largeBranch();
    damageMiddle(file);
    const before = sha256(file);

    const app = await open(dataDir);
    // Issued before the check has said anything: the sign-in writes (its audit row) and waits.
    const signIn = app.dispatch(signInAdmin);
    const setUpAgain = app.dispatch({ method: 'setup.createBranch', input: { branch: TEST_BRANCH, admin } });
    app.startBackups();
    app.startSync();
    // Nothing can reach the file meanwhile, not even a write that goes around the dispatcher.
    expect(() => app.sqlite.prepare("UPDATE branch SET name = 'changed'").run()).toThrow(/readonly/i);
    // Reads are served.
    const status = await app.dispatch({ method: 'setup.status', input: {} });
    expect(status.result).toEqual({ ok: true, data: expect.objectContaining({ isSetUp: true }) });

    const verdict = await app.integrity;
    expect(verdict.state).toBe('damaged');
    if (verdict.state !== 'damaged') return;
    expect(verdict.error).toBeInstanceOf(DatabaseDamagedError);
    expect(verdict.error.problems.length).toBeGreaterThan(0);

    const refused = { ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL', details: { reasonKey: 'reasons.databaseDamaged' } } };
    expect((await signIn).result).toEqual(refused);
    expect((await signIn).sessionChange).toBeUndefined();
    expect((await setUpAgain).result).toEqual(refused);
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
    const app = await open(dataDir);
    const order: string[] = [];
    void app.integrity.then(() => order.push('check passed'));
    const signIn = app.dispatch(signInAdmin).then((outcome) => {
      order.push('sign-in answered');
      return outcome;
    });
    app.startBackups();
    expect(() => app.sqlite.prepare("UPDATE branch SET name = 'changed'").run()).toThrow(/readonly/i);

    const outcome = await signIn;
    expect(outcome.result.ok).toBe(true);
    expect(order).toEqual(['check passed', 'sign-in answered']);
    const verdict = await app.integrity;
    expect(verdict).toEqual({ state: 'passed', checkedInBackground: true, checkMs: expect.any(Number) });
    // The held write is really written: its audit row, and the session works for the next write.
    expect(app.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'auth.login' AND outcome = 'ok'").get()).toEqual({ n: 1 });
    const backup = await app.dispatch({ method: 'backups.create', input: {}, token: tokenOf(outcome) });
    expect(backup.result.ok).toBe(true);
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
