import { afterEach, describe, expect, it } from 'vitest';
import { loginWaitSeconds } from '../../../src-main/core/services/auth';
import { hashPassword, verifyPassword } from '../../../src-main/core/password';
import { DEFAULT_IDLE_LOCK_MS } from '../../../src-main/core/sessions';
import { CHEAP_SCRYPT, openSeededBranch, TEST_BRANCH, TEST_USERS, type TestBranch } from '../../helpers/branch';

let branch: TestBranch;
afterEach(async () => {
  await branch?.close();
});

const clerk = TEST_USERS.clerk;
const wrong = (username = clerk.username) => ({ username, password: 'wrong-password' });
const right = { username: clerk.username, password: clerk.password };
const failedLogins = () => branch.app.sqlite.prepare("SELECT failed_logins, last_failed_at FROM users WHERE username = 'clerk'").get();

describe('password hashes', () => {
  it('are scrypt$N$r$p$salt$key with a 16-byte salt and a 32-byte key, and verify', async () => {
    const hash = await hashPassword('维修 password 1', CHEAP_SCRYPT);
    const match = /^scrypt\$1024\$8\$1\$([A-Za-z0-9+/]{22}==)\$([A-Za-z0-9+/]{43}=)$/.exec(hash);
    expect(match, hash).not.toBeNull();
    expect(Buffer.from(match![1]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(match![2]!, 'base64')).toHaveLength(32);
    expect(await verifyPassword('维修 password 1', hash)).toBe(true);
    expect(await verifyPassword('维修 password 2', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('are salted: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password', CHEAP_SCRYPT), hashPassword('same-password', CHEAP_SCRYPT)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same-password', a)).toBe(true);
    expect(await verifyPassword('same-password', b)).toBe(true);
  });

  it('compare Unicode in NFKC form (full-width letters typed by an IME match)', async () => {
    const hash = await hashPassword('password1', CHEAP_SCRYPT);
    expect(await verifyPassword('ｐａｓｓｗｏｒｄ１', hash)).toBe(true);
  });

  it('carry their parameters: a hash with other parameters still verifies', async () => {
    const hash = await hashPassword('password1', { N: 2 ** 11, r: 4, p: 2 });
    expect(hash.startsWith('scrypt$2048$4$2$')).toBe(true);
    expect(await verifyPassword('password1', hash)).toBe(true);
  });

  it('refuse anything that is not one of ours', async () => {
    const hash = await hashPassword('password1', CHEAP_SCRYPT);
    for (const stored of ['', 'password1', `bcrypt${hash.slice(6)}`, hash.split('$').slice(0, 5).join('$')]) {
      expect(await verifyPassword('password1', stored), stored).toBe(false);
    }
  });
});

describe('wrong passwords', () => {
  it('wait 30 s from the fifth, doubling, at most 15 minutes', () => {
    expect([0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 50].map(loginWaitSeconds)).toEqual([0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('five are answered BAD_CREDENTIALS; the sixth try waits, growing; the wait passes with the clock', async () => {
    branch = await openSeededBranch();
    for (let i = 1; i <= 5; i++) {
      expect(await branch.fail('auth.login', wrong()), `try ${i}`).toEqual({ code: 'BAD_CREDENTIALS', messageKey: 'errors.BAD_CREDENTIALS' });
      branch.clock.advanceMs(1000);
    }
    expect(failedLogins()).toEqual({ failed_logins: 5, last_failed_at: '2026-03-02T01:00:04.000Z' });

    // Even the right password waits; waiting tries are not counted.
    expect(await branch.fail('auth.login', right)).toEqual({ code: 'LOGIN_THROTTLED', messageKey: 'errors.LOGIN_THROTTLED', details: { retryAfterSeconds: 29 } });
    expect(await branch.fail('auth.login', wrong())).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 29 } });
    branch.clock.advanceMs(28_500);
    expect(await branch.fail('auth.login', right)).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 1 } });
    expect(failedLogins()).toMatchObject({ failed_logins: 5 });

    branch.clock.advanceMs(500); // 30 s after the fifth
    expect(await branch.fail('auth.login', wrong())).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(await branch.fail('auth.login', right)).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 60 } });
    branch.clock.advanceMs(60_000);
    expect(await branch.fail('auth.login', wrong())).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(await branch.fail('auth.login', right)).toMatchObject({ code: 'LOGIN_THROTTLED', details: { retryAfterSeconds: 120 } });
    expect(failedLogins()).toMatchObject({ failed_logins: 7 });

    branch.clock.advanceMs(120_000);
    const me = await branch.call('auth.login', right);
    expect(me.result).toMatchObject({ ok: true, data: { user: { username: 'clerk' } } });
    expect(failedLogins()).toEqual({ failed_logins: 0, last_failed_at: null });
  });

  it('count per user: another user is not held up', async () => {
    branch = await openSeededBranch();
    for (let i = 0; i < 6; i++) await branch.fail('auth.login', wrong());
    expect((await branch.call('auth.login', { username: 'supervisor', password: TEST_USERS.supervisor.password })).result.ok).toBe(true);
  });

  it('are never a permanent lockout: an admin or a manager unlocks at once', async () => {
    for (const unlocker of ['admin', 'manager'] as const) {
      branch = await openSeededBranch();
      for (let i = 0; i < 7; i++) await branch.fail('auth.login', wrong());
      expect(await branch.fail('auth.login', right)).toMatchObject({ code: 'LOGIN_THROTTLED' });

      const token = await branch.signIn(unlocker);
      const view = await branch.ok('users.unlock', { userId: branch.userId('clerk') }, token);
      expect(view).toEqual({ id: branch.userId('clerk'), username: 'clerk', displayName: '李秀英', role: 'clerk', isActive: true, failedLogins: 0 });
      expect(failedLogins()).toEqual({ failed_logins: 0, last_failed_at: null });
      expect((await branch.call('auth.login', right)).result.ok, unlocker).toBe(true);
      const audit = branch.app.sqlite.prepare("SELECT username, entity, entity_id, before_json, after_json FROM audit_log WHERE method = 'users.unlock'").get() as Record<string, string>;
      expect(audit).toMatchObject({ username: TEST_USERS[unlocker].username, entity: 'user', entity_id: String(branch.userId('clerk')) });
      expect(JSON.parse(audit.before_json!)).toMatchObject({ failedLogins: 5 });
      expect(JSON.parse(audit.after_json!)).toMatchObject({ failedLogins: 0 });
      await branch.close();
    }
    branch = await openSeededBranch();
  });

  it('a clerk cannot unlock; an unknown user id is NOT_FOUND', async () => {
    branch = await openSeededBranch();
    expect(await branch.fail('users.unlock', { userId: branch.userId('admin') }, await branch.signIn('clerk'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await branch.fail('users.unlock', { userId: 999 }, await branch.signIn('admin'))).toEqual({
      code: 'NOT_FOUND',
      messageKey: 'errors.NOT_FOUND',
      details: { reasonKey: 'entities.user' },
    });
  });

  it('an unknown or deactivated user gets the same answer as a wrong password', async () => {
    branch = await openSeededBranch();
    expect(await branch.fail('auth.login', wrong('nobody'))).toEqual({ code: 'BAD_CREDENTIALS', messageKey: 'errors.BAD_CREDENTIALS' });
    branch.app.sqlite.prepare("UPDATE users SET is_active = 0 WHERE username = 'clerk'").run();
    expect(await branch.fail('auth.login', right)).toEqual({ code: 'BAD_CREDENTIALS', messageKey: 'errors.BAD_CREDENTIALS' });
  });
});

describe('idle sessions', () => {
  it('lock after the default idle time: SESSION_LOCKED, then signed out', async () => {
    branch = await openSeededBranch();
    expect(DEFAULT_IDLE_LOCK_MS).toBe(15 * 60 * 1000);
    expect(branch.app.sessions.idleLockMs).toBe(DEFAULT_IDLE_LOCK_MS);
    const token = await branch.signIn('clerk');
    branch.clock.advanceMs(DEFAULT_IDLE_LOCK_MS);
    expect((await branch.call('auth.me', {}, token)).result.ok).toBe(true);
    branch.clock.advanceMs(DEFAULT_IDLE_LOCK_MS + 1);
    expect(await branch.fail('auth.me', {}, token)).toEqual({ code: 'SESSION_LOCKED', messageKey: 'errors.SESSION_LOCKED' });
    expect(await branch.fail('auth.me', {}, token)).toEqual({ code: 'NOT_SIGNED_IN', messageKey: 'errors.NOT_SIGNED_IN' });
    expect(await branch.fail('auth.logout', {}, token)).toMatchObject({ code: 'NOT_SIGNED_IN' });
    // Signing in again gives a new, working session.
    const again = await branch.signIn('clerk');
    expect(again).not.toBe(token);
    expect((await branch.call('auth.me', {}, again)).result.ok).toBe(true);
  });

  it('stay open while used, and lock each session on its own', async () => {
    branch = await openSeededBranch();
    const busy = await branch.signIn('clerk');
    const idle = await branch.signIn('supervisor');
    for (let i = 0; i < 4; i++) {
      branch.clock.advanceMs(DEFAULT_IDLE_LOCK_MS - 1000);
      expect((await branch.call('auth.me', {}, busy)).result.ok, `round ${i}`).toBe(true);
    }
    expect(await branch.fail('auth.me', {}, idle)).toMatchObject({ code: 'SESSION_LOCKED' });
  });

  it('a refused call does not keep a session alive past its lock either', async () => {
    branch = await openSeededBranch();
    const token = await branch.signIn('clerk');
    branch.clock.advanceMs(DEFAULT_IDLE_LOCK_MS + 1);
    expect(await branch.fail('users.list', {}, token)).toMatchObject({ code: 'SESSION_LOCKED' });
  });
});

describe('secrets in the audit log', () => {
  it('no password and no hash is ever written to it', async () => {
    branch = await openSeededBranch();
    const admin = await branch.signIn('admin');
    await branch.ok('users.create', { username: 'newtech', displayName: '新技师', role: 'technician', password: 'newtech-secret-9' }, admin);
    for (let i = 0; i < 6; i++) await branch.fail('auth.login', wrong());
    await branch.ok('users.unlock', { userId: branch.userId('clerk') }, admin);
    await branch.fail('users.create', { username: 'clerk', displayName: 'x', role: 'clerk', password: 'conflict-secret-8' }, admin);
    await branch.fail('users.create', { username: 'sneaky', displayName: 'x', role: 'admin', password: 'denied-secret-7' }, await branch.signIn('clerk'));
    await branch.ok('profile.setLanguage', { language: 'en' }, admin);
    await branch.ok('auth.logout', {}, admin);

    const rows = branch.app.sqlite.prepare('SELECT * FROM audit_log').all() as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const everything = JSON.stringify(rows);
    const hashes = (branch.app.sqlite.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[]).map((r) => r.password_hash);
    expect(hashes.length).toBe(6);
    const secrets = [...Object.values(TEST_USERS).map((u) => u.password), 'newtech-secret-9', 'conflict-secret-8', 'denied-secret-7', 'wrong-password', ...hashes];
    for (const secret of secrets) expect(everything, secret).not.toContain(secret);
    expect(everything).not.toContain('scrypt$');
    expect(everything).not.toMatch(/password/i);
    expect(JSON.stringify(TEST_BRANCH)).not.toContain('scrypt$');
  });
});
