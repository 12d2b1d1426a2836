import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openBranchApp, type BranchApp } from '../../../src-main/core/branch-app';
import { FREE_LOGIN_ATTEMPTS } from '../../../src-main/core/services/auth';
import { verifyAuditChain } from '../../../src-main/core/repos/audit-log';
import { CHEAP_SCRYPT, makeTempDir, TEST_USERS, tokenOf } from '../../helpers/branch';
import { heldCheck, largeBranch, within } from './large-branch';

/**
 * Issue 4: the first sign-in after start must not wait for a large file's background quick check. It
 * answers at once, its rows (audit, failed-attempt counts) are held and written in order once the check
 * passes; throttling counts in memory meanwhile. The check is held open by the test (heldCheck), so
 * "during the check" is certain however fast the machine is.
 */
const dirs: string[] = [];
const apps: BranchApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const admin = TEST_USERS.admin;
const signIn = (password: string) => ({ method: 'auth.login', input: { username: admin.username, password } });

async function openHeld(): Promise<{ app: BranchApp; release: () => void; dataDir: string }> {
  const dir = makeTempDir('aftercare-bgcheck-signin-');
  dirs.push(dir);
  const { dataDir } = await largeBranch(dir);
  const check = heldCheck();
  const app = await openBranchApp({ dataDir, passwordCost: CHEAP_SCRYPT, startCheck: check.startCheck });
  apps.push(app);
  return { app, release: check.release, dataDir };
}

const isQueryOnly = (app: BranchApp) => app.sqlite.pragma('query_only', { simple: true }) === 1;
const signInRows = (app: BranchApp) =>
  app.sqlite.prepare("SELECT outcome, json_extract(after_json, '$.refused') AS refused FROM audit_log WHERE method = 'auth.login' ORDER BY id").all();

describe('signing in while the quick check runs', () => {
  it('answers at once and reads work; its rows are written in order once the check passes, the chain intact', async () => {
    const { app, release } = await openHeld();
    const mistyped = await within(5_000, 'a wrong password during the check', app.dispatch(signIn('mistyped')));
    expect(mistyped.result).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_CREDENTIALS' }) });
    const outcome = await within(5_000, 'sign-in during the check', app.dispatch(signIn(admin.password)));
    expect(outcome.result.ok).toBe(true);
    const token = tokenOf(outcome);
    // Still checking: nothing written yet, the connection still refuses writes.
    expect(isQueryOnly(app)).toBe(true);
    expect(signInRows(app)).toEqual([]);
    // A read by the signed-in clerk works meanwhile.
    const me = await within(5_000, 'a read during the check', app.dispatch({ method: 'auth.me', input: {}, token }));
    expect(me.result).toEqual({ ok: true, data: expect.objectContaining({ user: expect.objectContaining({ username: admin.username }) }) });
    // Any other command still waits for the check.
    let languageAnswered = false;
    const setLanguage = app.dispatch({ method: 'profile.setLanguage', input: { language: 'en' }, token }).then((answer) => {
      languageAnswered = true;
      return answer;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(languageAnswered).toBe(false);

    release();
    expect((await setLanguage).result.ok).toBe(true);
    expect(isQueryOnly(app)).toBe(false);
    // Written in order: the sign-ins held during the check first, then the command that waited.
    const methods = app.sqlite.prepare("SELECT method FROM audit_log WHERE method IN ('auth.login', 'profile.setLanguage') ORDER BY id").pluck().all();
    expect(methods).toEqual(['auth.login', 'auth.login', 'profile.setLanguage']);
    expect(signInRows(app)).toEqual([
      { outcome: 'denied', refused: 'BAD_CREDENTIALS' },
      { outcome: 'ok', refused: null },
    ]);
    // The wrong password was counted, then cleared by the right one.
    expect(app.sqlite.prepare("SELECT failed_logins, last_failed_at FROM users WHERE username = 'admin'").get()).toEqual({ failed_logins: 0, last_failed_at: null });
    expect(await verifyAuditChain(app.db)).toEqual({ rowsChecked: expect.any(Number), firstBrokenId: null });
  }, 60_000);

  it('closing the app during the check keeps the sign-in rows: it waits for the verdict and writes them', async () => {
    const { app, release, dataDir } = await openHeld();
    expect((await within(5_000, 'sign-in during the check', app.dispatch(signIn(admin.password)))).result.ok).toBe(true);
    apps.splice(apps.indexOf(app), 1);
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Still waiting for the check's verdict, not closed over the held row.
    expect(closed).toBe(false);
    release();
    await closing;
    const again = await openBranchApp({ dataDir, passwordCost: CHEAP_SCRYPT });
    apps.push(again);
    expect(signInRows(again)).toEqual([{ outcome: 'ok', refused: null }]);
    expect(await verifyAuditChain(again.db)).toEqual({ rowsChecked: expect.any(Number), firstBrokenId: null });
  }, 60_000);

  it('counts wrong passwords in memory: the account locks after the limit, and the counts are written after', async () => {
    const { app, release, dataDir } = await openHeld();
    for (let i = 0; i < FREE_LOGIN_ATTEMPTS; i++) {
      const wrong = await within(5_000, `wrong password ${i + 1}`, app.dispatch(signIn('not-the-password')));
      expect(wrong.result).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_CREDENTIALS' }) });
    }
    // Even the right password now has to wait: the count held in memory throttles.
    const locked = await within(5_000, 'the throttled sign-in', app.dispatch(signIn(admin.password)));
    expect(locked.result).toEqual({ ok: false, error: expect.objectContaining({ code: 'LOGIN_THROTTLED' }) });
    expect(locked.sessionChange).toBeUndefined();
    const countsNow = app.sqlite.prepare("SELECT failed_logins FROM users WHERE username = 'admin'").pluck();
    expect(countsNow.get()).toBe(0);

    release();
    await app.integrity;
    await app.sessions.heldSignIns.whenSettled();
    expect(countsNow.get()).toBe(FREE_LOGIN_ATTEMPTS);
    expect(signInRows(app)).toEqual([
      ...Array.from({ length: FREE_LOGIN_ATTEMPTS }, () => ({ outcome: 'denied', refused: 'BAD_CREDENTIALS' })),
      { outcome: 'denied', refused: 'LOGIN_THROTTLED' },
    ]);
    expect(await verifyAuditChain(app.db)).toEqual({ rowsChecked: expect.any(Number), firstBrokenId: null });

    // The lock outlives the process: opened again, the right password is still refused.
    apps.splice(apps.indexOf(app), 1);
    await app.close();
    const again = await openBranchApp({ dataDir, passwordCost: CHEAP_SCRYPT });
    apps.push(again);
    expect((await again.dispatch(signIn(admin.password))).result).toEqual({ ok: false, error: expect.objectContaining({ code: 'LOGIN_THROTTLED' }) });
  }, 60_000);
});
