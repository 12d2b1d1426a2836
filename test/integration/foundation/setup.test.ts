import { afterEach, describe, expect, it } from 'vitest';
import { openTestBranch, TEST_BRANCH, TEST_USERS, type TestBranch } from '../../helpers/branch';
import { snapshotTables } from '../../helpers/snapshot';

let branch: TestBranch;
afterEach(async () => {
  await branch.close();
});

const setupInput = { branch: TEST_BRANCH, admin: TEST_USERS.admin };

describe('first-run setup', () => {
  it('reports a fresh database as not set up, and sign-in there as NOT_SET_UP', async () => {
    branch = await openTestBranch();
    expect(await branch.ok('setup.status', {})).toEqual({ isSetUp: false, branch: null });
    const error = await branch.fail('auth.login', { username: 'admin', password: 'whatever-password' });
    expect(error).toEqual({ code: 'NOT_SET_UP', messageKey: 'errors.NOT_SET_UP' });
    expect(branch.app.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });
  });

  it('creates the branch and its first admin once, in one transaction with its audit rows', async () => {
    branch = await openTestBranch();
    expect(await branch.ok('setup.createBranch', setupInput)).toEqual({ isSetUp: true, branch: { code: 'SH02', name: '上海徐汇服务站' } });
    expect(await branch.ok('setup.status', {})).toEqual({ isSetUp: true, branch: { code: 'SH02', name: '上海徐汇服务站' } });

    const row = branch.app.sqlite.prepare('SELECT id, code, name, address, phone, time_zone, created_at FROM branch').all();
    expect(row).toEqual([{ id: 1, code: 'SH02', name: '上海徐汇服务站', address: '上海市徐汇区漕溪北路88号', phone: '021-64381234', time_zone: 'Asia/Shanghai', created_at: '2026-03-02T01:00:00.000Z' }]);
    const users = branch.app.sqlite.prepare('SELECT username, display_name, role, is_active, failed_logins FROM users').all();
    expect(users).toEqual([{ username: 'admin', display_name: '管理员', role: 'admin', is_active: 1, failed_logins: 0 }]);
    const audit = branch.app.sqlite.prepare('SELECT method, outcome, entity, entity_id FROM audit_log ORDER BY id').all();
    expect(audit).toEqual([
      { method: 'setup.createBranch', outcome: 'ok', entity: 'branch', entity_id: 'SH02' },
      { method: 'setup.createBranch', outcome: 'ok', entity: 'user', entity_id: '1' },
    ]);

    const token = await branch.signIn('admin');
    const me = await branch.ok<{ user: { username: string; role: string }; branch: unknown }>('auth.me', {}, token);
    expect(me.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(me.branch).toEqual({ code: 'SH02', name: '上海徐汇服务站' });
  });

  it('refuses a second setup with ALREADY_SET_UP and changes nothing', async () => {
    branch = await openTestBranch();
    await branch.ok('setup.createBranch', setupInput);
    const before = snapshotTables(branch.app.sqlite);
    const error = await branch.fail('setup.createBranch', {
      branch: { ...TEST_BRANCH, code: 'GZ03', name: '另一个站' },
      admin: { username: 'intruder', displayName: '入侵者', password: 'intruder-password' },
    });
    expect(error).toEqual({ code: 'ALREADY_SET_UP', messageKey: 'errors.ALREADY_SET_UP' });
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
    const login = await branch.fail('auth.login', { username: 'intruder', password: 'intruder-password' });
    expect(login.code).toBe('BAD_CREDENTIALS');
  });

  it('validates the setup form field by field and writes nothing', async () => {
    branch = await openTestBranch();
    const before = snapshotTables(branch.app.sqlite);
    const error = await branch.fail('setup.createBranch', {
      branch: { code: 'bj1', name: ' ', address: '北京', phone: 'call me' },
      admin: { username: '王 admin', displayName: '管理员', password: 'short' },
    });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details?.fields).toEqual([
      { path: 'branch.code', messageKey: 'validation.branchCode' },
      { path: 'branch.name', messageKey: 'validation.required' },
      { path: 'branch.phone', messageKey: 'validation.phone' },
      { path: 'admin.username', messageKey: 'validation.username' },
      { path: 'admin.password', messageKey: 'validation.passwordTooShort' },
    ]);
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
    expect(await branch.ok('setup.status', {})).toEqual({ isSetUp: false, branch: null });
  });
});
