import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../src-shared/contract';
import { appendAudit, canonicalInSql, canonicalRowText } from '../../../src-main/core/repos/audit-log';
import { openSeededBranch, openTestBranch, TEST_USERS, type TestBranch } from '../../helpers/branch';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let branch: TestBranch;
afterEach(async () => {
  await branch?.close();
});

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  method: string;
  outcome: string;
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}
const rows = () => branch.app.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[];
const GENESIS = '0'.repeat(64);

function expectChained(all: AuditRow[]): void {
  all.forEach((row, i) => {
    expect(row.prev_hash, `row ${row.id}`).toBe(i === 0 ? GENESIS : all[i - 1]!.hash);
    expect(row.hash, `row ${row.id}`).toMatch(/^[0-9a-f]{64}$/);
  });
  expect(new Set(all.map((r) => r.hash)).size).toBe(all.length);
}

async function verifyAsAdmin(): Promise<{ rowsChecked: number; firstBrokenId: number | null }> {
  return branch.ok('audit.verifyChain', {}, await branch.signIn('admin'));
}

describe('the audit log', () => {
  it('gets a chained row for every command, with who, when, what and which record', async () => {
    branch = await openTestBranch();
    await branch.seed();
    const admin = await branch.signIn('admin');
    const commands: [string, unknown][] = [
      ['users.create', { username: 'tech2', displayName: '刘洋', role: 'technician', password: 'tech2-password' }],
      ['users.unlock', { userId: branch.userId('clerk') }],
      ['profile.setLanguage', { language: 'en' }],
      ['auth.logout', {}],
    ];
    for (const [method, input] of commands) {
      const before = rows().length;
      branch.clock.advanceMs(60_000);
      await branch.ok(method, input, admin);
      const added = rows().slice(before);
      expect(added.length, method).toBeGreaterThanOrEqual(1);
      for (const row of added) {
        expect(row).toMatchObject({ method, outcome: 'ok', user_id: branch.userId('admin'), username: 'admin', at: branch.clock.now().toISOString() });
      }
    }
    const all = rows();
    expectChained(all);
    const created = all.find((r) => r.method === 'users.create' && r.after_json?.includes('tech2'))!;
    expect(created.entity).toBe('user');
    expect(created.before_json).toBeNull();
    expect(JSON.parse(created.after_json!)).toMatchObject({ username: 'tech2', role: 'technician', isActive: true });
    const language = all.find((r) => r.method === 'profile.setLanguage')!;
    expect([JSON.parse(language.before_json!), JSON.parse(language.after_json!)]).toEqual([{ language: 'zh-CN' }, { language: 'en' }]);
    // Every command of the contract that was run appears; sign-in rows name the user who signed in.
    const commandNames = Object.entries(contract).filter(([, d]) => d.kind === 'command').map(([n]) => n);
    expect(commandNames).toEqual(expect.arrayContaining(['setup.createBranch', 'auth.login', 'auth.logout', 'users.create', 'users.unlock', 'profile.setLanguage']));
    const login = all.find((r) => r.method === 'auth.login')!;
    expect(login).toMatchObject({ username: 'admin', entity: 'session', outcome: 'ok' });
  });

  it('gets no row for queries', async () => {
    branch = await openSeededBranch();
    const admin = await branch.signIn('admin');
    const count = rows().length;
    for (const method of ['auth.me', 'users.list', 'setup.status', 'audit.verifyChain']) await branch.ok(method, {}, admin);
    await branch.ok('audit.recent', { limit: 5 }, admin);
    expect(rows().length).toBe(count);
  });

  it('lists recent entries newest first through audit.recent', async () => {
    branch = await openSeededBranch();
    const supervisor = await branch.signIn('supervisor');
    const recent = await branch.ok<{ id: number; method: string; username: string | null; outcome: string }[]>('audit.recent', { limit: 3 }, supervisor);
    const last = rows().slice(-3).reverse();
    expect(recent.map((r) => r.id)).toEqual(last.map((r) => r.id));
    expect(recent[0]).toMatchObject({ method: 'auth.login', username: 'supervisor', outcome: 'ok' });
  });

  it('verifies intact, denials included', async () => {
    branch = await openSeededBranch();
    await branch.fail('users.list', {}, await branch.signIn('clerk'));
    const all = rows();
    expect(all.some((r) => r.outcome === 'denied')).toBe(true);
    expectChained(all);
    // Signing the admin in to verify adds one more row, checked too.
    expect(await verifyAsAdmin()).toEqual({ rowsChecked: all.length + 1, firstBrokenId: null });
  });

  it('stays one unbroken chain when many calls arrive at once', async () => {
    branch = await openSeededBranch();
    const [admin, clerk] = [await branch.signIn('admin'), await branch.signIn('clerk')];
    const before = rows().length;
    const calls = Array.from({ length: 12 }, (_, i) => [
      branch.call('users.create', { username: `burst${i}`, displayName: `并发${i}`, role: 'technician', password: `burst-password-${i}` }, admin),
      branch.call('users.create', { username: `denied${i}`, displayName: 'x', role: 'admin', password: 'denied-password' }, clerk),
      branch.call('profile.setLanguage', { language: i % 2 ? 'en' : 'zh-CN' }, clerk),
      branch.call('auth.login', { username: 'supervisor', password: i % 3 ? 'wrong-password' : TEST_USERS.supervisor.password }),
    ]).flat();
    const outcomes = await Promise.all(calls);
    const codes = outcomes.map((o) => (o.result.ok ? 'ok' : o.result.error.code));
    expect(codes.filter((c) => c === 'FORBIDDEN')).toHaveLength(12);
    expect(codes.filter((c) => c === 'INTERNAL')).toEqual([]);
    const all = rows();
    expectChained(all);
    const added = all.slice(before);
    expect(added.filter((r) => r.method === 'users.create' && r.outcome === 'ok')).toHaveLength(12);
    expect(added.filter((r) => r.outcome === 'denied' && r.method === 'users.create')).toHaveLength(12);
    // Eight of the twelve sign-ins used a wrong password: each refusal is audited too (user name only).
    expect(added.filter((r) => r.outcome === 'denied' && r.method === 'auth.login')).toHaveLength(8);
    expect(added.filter((r) => r.method === 'profile.setLanguage')).toHaveLength(12);
    expect(await verifyAsAdmin()).toEqual({ rowsChecked: all.length + 1, firstBrokenId: null });
  });

  it('refuses UPDATE and DELETE through its triggers', async () => {
    branch = await openSeededBranch();
    const before = rows();
    expect(() => branch.app.sqlite.prepare("UPDATE audit_log SET username = 'nobody' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => branch.app.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);
    expect(() => branch.app.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    await expect(branch.app.db.updateTable('audit_log').set({ outcome: 'denied' }).execute()).rejects.toThrow(/append-only/);
    expect(rows()).toEqual(before);
  });

  it('finds a changed row, at its id', async () => {
    branch = await openSeededBranch();
    const count = rows().length;
    branch.app.sqlite.exec('DROP TRIGGER audit_log_no_update');
    branch.app.sqlite.prepare("UPDATE audit_log SET username = 'someone_else' WHERE id = 3").run();
    expect(await verifyAsAdmin()).toEqual({ rowsChecked: count + 1, firstBrokenId: 3 });
  });

  it('walks a chain longer than one page of the verifier and finds a change far down it', async () => {
    branch = await openSeededBranch();
    // 12,000 more rows through the product's own append, in one transaction (pages are 5,000 rows).
    await branch.app.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        Array.from({ length: 12_000 }, (_, i) => ({ at: '2026-03-02T02:00:00.000Z', userId: null, username: null, method: 'calls.register', outcome: 'ok' as const, entity: 'call', entityId: String(i), before: null, after: { n: i } })),
      ),
    );
    const count = rows().length;
    expect(await verifyAsAdmin()).toEqual({ rowsChecked: count + 1, firstBrokenId: null });
    branch.app.sqlite.exec('DROP TRIGGER audit_log_no_update');
    branch.app.sqlite.prepare("UPDATE audit_log SET after_json = '{\"n\":0}' WHERE id = 11111").run();
    expect(await verifyAsAdmin()).toEqual({ rowsChecked: count + 2, firstBrokenId: 11111 });
  });

  it('builds the same canonical text in SQL as the hash was taken over, whatever the content', async () => {
    branch = await openSeededBranch();
    // The verifier reads each row's text from SQLite's json_array; the hash was taken over JSON.stringify.
    const awkward = ['引号"和\\反斜杠', 'line\nbreak\ttab\r\b\f', '\u0001\u001f\u007f', '\u2028\u2029', '😀 emoji', '', '{"json":"in text"}'];
    await branch.app.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        awkward.map((text, i) => ({ at: '2026-03-02T02:00:00.000Z', userId: i % 2 ? null : branch.userId('clerk'), username: text, method: 'calls.register', outcome: 'ok' as const, entity: text, entityId: text, before: i % 3 ? null : { text }, after: { text, n: i, ok: true, list: [1.5, null] } })),
      ),
    );
    const sqlTexts = await branch.app.db.selectFrom('audit_log').select(['id', canonicalInSql.as('canonical')]).orderBy('id').execute();
    const all = rows();
    expect(sqlTexts).toHaveLength(all.length);
    all.forEach((row, i) => expect(sqlTexts[i]!.canonical, `row ${row.id}`).toBe(canonicalRowText(row.prev_hash, row)));
    expect(await verifyAsAdmin()).toEqual({ rowsChecked: all.length + 1, firstBrokenId: null });
  });

  it('finds a changed row even when its hash was recomputed the naive way', async () => {
    branch = await openSeededBranch();
    branch.app.sqlite.exec('DROP TRIGGER audit_log_no_update');
    branch.app.sqlite.prepare("UPDATE audit_log SET after_json = '{}', hash = prev_hash WHERE id = 4").run();
    expect((await verifyAsAdmin()).firstBrokenId).toBe(4);
  });

  it('finds a deleted row, at the row after it', async () => {
    branch = await openSeededBranch();
    branch.app.sqlite.exec('DROP TRIGGER audit_log_no_delete');
    branch.app.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect((await verifyAsAdmin()).firstBrokenId).toBe(3);
  });

  it('finds rows swapped in order', async () => {
    branch = await openSeededBranch();
    branch.app.sqlite.exec('DROP TRIGGER audit_log_no_update');
    const [a, b] = [rows()[1]!, rows()[2]!];
    const update = branch.app.sqlite.prepare('UPDATE audit_log SET id = ? WHERE id = ?');
    update.run(-1, a.id);
    update.run(a.id, b.id);
    update.run(b.id, -1);
    expect((await verifyAsAdmin()).firstBrokenId).toBe(a.id);
  });
});

describe('npm run audit:verify (scripts/verify-audit.ts)', () => {
  const verify = (dataDir: string) =>
    run('npx', ['tsx', 'scripts/verify-audit.ts', '--data-dir', dataDir], { cwd: root }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('exits 0 on an intact database and 1 once a row was changed', async () => {
    branch = await openSeededBranch();
    const count = rows().length;
    await branch.app.close();

    const intact = await verify(branch.dataDir);
    expect(intact.stdout, intact.stderr).toContain(`Audit log intact: ${count} rows checked`);
    expect(intact.code).toBe(0);

    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(path.join(branch.dataDir, 'branch.sqlite'));
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET username = 'forged' WHERE id = 2").run();
    raw.close();

    const broken = await verify(branch.dataDir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Audit log BROKEN at row 2 of ${count}`);
    branch = await openTestBranch();
  }, 60_000);
});


describe('refused sign-ins', () => {
  it('are audited as denials with the user name tried and never the password', async () => {
    const branch = await openSeededBranch();
    try {
      const before = branch.app.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
      await branch.call('auth.login', { username: 'supervisor', password: 'not-the-password-9' });
      await branch.call('auth.login', { username: 'nobody-here', password: 'not-the-password-9' });
      const added = branch.app.sqlite.prepare('SELECT method, outcome, username, after_json FROM audit_log WHERE id > ? ORDER BY id').all(before.n);
      expect(added).toEqual([
        { method: 'auth.login', outcome: 'denied', username: 'supervisor', after_json: '{"refused":"BAD_CREDENTIALS"}' },
        { method: 'auth.login', outcome: 'denied', username: 'nobody-here', after_json: '{"refused":"BAD_CREDENTIALS"}' },
      ]);
      expect(JSON.stringify(added)).not.toContain('not-the-password-9');
    } finally {
      await branch.close();
    }
  });
});
