import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src-shared/contract';
import { ROLES } from '../../../src-shared/contract/roles';
import { ROLE_PERMISSIONS } from '../../../src-main/core/permissions';
import type { ApiError, ApiResult } from '../../../src-shared/contract/errors';
import type { Role } from '../../../src-shared/contract/roles';
import en from '../../../src-shared/i18n/en.json';
import zhCN from '../../../src-shared/i18n/zh-CN.json';
import { AppError } from '../../../src-main/core/app-error';
import { createDispatcher } from '../../../src-main/core/dispatch';
import { handlers } from '../../../src-main/core/handlers';
import type { AppConfig, Handlers, OpContext } from '../../../src-main/core/operation';
import { CHEAP_SCRYPT, openSeededBranch, TEST_USERS, type TestBranch } from '../../helpers/branch';
import { postApi, sessionCookieOf, startHttpServer, type RunningServer } from '../../helpers/http';
import { snapshotTables } from '../../helpers/snapshot';

/**
 * Bad input to any operation returns a clear typed error and changes nothing, through the dispatcher
 * and through browser mode's HTTP server alike.
 */
let branch: TestBranch;
let http: RunningServer;
beforeAll(async () => {
  branch = await openSeededBranch();
  http = await startHttpServer(branch.app.dispatch);
});
afterAll(async () => {
  await http.close();
  await branch.close();
});

interface Reply {
  /** HTTP status, or null through the dispatcher. */
  status: number | null;
  result: ApiResult<unknown>;
}
interface Transport {
  name: string;
  call(method: string, input: unknown, token?: string): Promise<Reply>;
  signIn(role: Role): Promise<string>;
}

const direct: Transport = {
  name: 'dispatcher',
  call: async (method, input, token) => ({ status: null, result: (await branch.call(method, input, token)).result }),
  signIn: (role) => branch.signIn(role),
};
const overHttp: Transport = {
  name: 'HTTP',
  call: async (method, input, token) => {
    const reply = await postApi(http.baseUrl, method, input, { token });
    return { status: reply.status, result: reply.body as ApiResult<unknown> };
  },
  signIn: async (role) => {
    const { username, password } = TEST_USERS[role];
    const reply = await postApi(http.baseUrl, 'auth.login', { username, password });
    expect(reply.status).toBe(200);
    const token = sessionCookieOf(reply.headers);
    if (!token) throw new Error('no session cookie');
    return token;
  },
};

/** The error must be exactly `{ code, messageKey, details? }`: no message text, no stack. */
function expectTypedError(reply: Reply, code: ApiError['code'], status: number): ApiError {
  expect(reply.result.ok).toBe(false);
  if (reply.result.ok) throw new Error('unreachable');
  const error = reply.result.error;
  expect(error.code).toBe(code);
  expect(error.messageKey).toBe(`errors.${code}`);
  expect(Object.keys(error).every((k) => ['code', 'messageKey', 'details'].includes(k))).toBe(true);
  expect(JSON.stringify(reply.result)).not.toMatch(/stack|Error:|\bat \w+ \(/);
  if (reply.status !== null) expect(reply.status).toBe(status);
  return error;
}

const auditCount = () => (branch.app.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe.each([direct, overHttp])('bad input through the $name', (transport) => {
  let admin: string;
  let clerk: string;
  let technician: string;
  beforeAll(async () => {
    admin = await transport.signIn('admin');
    clerk = await transport.signIn('clerk');
    technician = await transport.signIn('technician');
  });

  /** Run `act`, and assert every table is exactly as before. */
  async function changesNothing<T>(act: () => Promise<T>): Promise<T> {
    const before = snapshotTables(branch.app.sqlite);
    const out = await act();
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
    return out;
  }

  it('missing fields: INVALID_INPUT naming each field', async () => {
    const reply = await changesNothing(() => transport.call('users.create', {}, admin));
    const error = expectTypedError(reply, 'INVALID_INPUT', 400);
    expect(error.details).toEqual({
      fields: [
        { path: 'username', messageKey: 'validation.required' },
        { path: 'displayName', messageKey: 'validation.required' },
        { path: 'role', messageKey: 'validation.role' },
        { path: 'password', messageKey: 'validation.required' },
      ],
    });
  });

  it('missing nested fields and missing input altogether', async () => {
    const nested = await changesNothing(() => transport.call('setup.createBranch', { branch: {}, admin: {} }));
    expect(expectTypedError(nested, 'INVALID_INPUT', 400).details?.fields?.map((f) => f.path)).toEqual([
      'branch.code',
      'branch.name',
      'branch.address',
      'branch.phone',
      'admin.username',
      'admin.displayName',
      'admin.password',
    ]);
    const none = await changesNothing(() => transport.call('users.unlock', undefined, admin));
    expect(expectTypedError(none, 'INVALID_INPUT', 400).details).toEqual({ fields: [{ path: 'userId', messageKey: 'validation.required' }] });
  });

  it('wrong types: INVALID_INPUT, field by field', async () => {
    const reply = await changesNothing(() =>
      transport.call('users.create', { username: 42, displayName: ['李'], role: 'boss', password: 12345678 }, admin),
    );
    expect(expectTypedError(reply, 'INVALID_INPUT', 400).details).toEqual({
      fields: [
        { path: 'username', messageKey: 'validation.required' },
        { path: 'displayName', messageKey: 'validation.required' },
        { path: 'role', messageKey: 'validation.role' },
        { path: 'password', messageKey: 'validation.required' },
      ],
    });
    for (const [limit, messageKey] of [['ten', 'validation.invalid_type'], [null, 'validation.invalid_type'], [0, 'validation.too_small'], [501, 'validation.too_big']] as const) {
      const r = await changesNothing(() => transport.call('audit.recent', { limit }, admin));
      expect(expectTypedError(r, 'INVALID_INPUT', 400).details, String(limit)).toEqual({ fields: [{ path: 'limit', messageKey }] });
    }
    for (const userId of ['2', 1.5, -1, 0, null, true]) {
      const r = await changesNothing(() => transport.call('users.unlock', { userId }, admin));
      expect(expectTypedError(r, 'INVALID_INPUT', 400).details?.fields?.[0]?.path, String(userId)).toBe('userId');
    }
  });

  it('an input that is not an object', async () => {
    for (const input of ['users', 7, [], [{}], true]) {
      const reply = await changesNothing(() => transport.call('users.list', input, admin));
      expect(expectTypedError(reply, 'INVALID_INPUT', 400).details?.fields, JSON.stringify(input)).toEqual([
        { path: '(input)', messageKey: 'validation.invalid_type' },
      ]);
    }
  });

  it('extra fields: INVALID_INPUT, even on a method that takes nothing', async () => {
    const onEmpty = await changesNothing(() => transport.call('auth.me', { userId: 1 }, clerk));
    expect(expectTypedError(onEmpty, 'INVALID_INPUT', 400).details).toEqual({ fields: [{ path: '(input)', messageKey: 'validation.unrecognized_keys' }] });

    const smuggled = { username: 'newclerk', displayName: '新人', role: 'clerk', password: 'long-enough-1', isActive: 0, id: 1 };
    const reply = await changesNothing(() => transport.call('users.create', smuggled, admin));
    expect(expectTypedError(reply, 'INVALID_INPUT', 400).details).toEqual({ fields: [{ path: '(input)', messageKey: 'validation.unrecognized_keys' }] });

    const nested = await changesNothing(() =>
      transport.call('setup.createBranch', { branch: { code: 'BJ09', name: 'x', address: 'y', phone: '12345', id: 2 }, admin: TEST_USERS.admin }),
    );
    expect(expectTypedError(nested, 'INVALID_INPUT', 400).details).toEqual({ fields: [{ path: 'branch', messageKey: 'validation.unrecognized_keys' }] });
  });

  it('an unknown method: UNKNOWN_METHOD, with or without a session, whatever the name', async () => {
    for (const method of ['users.drop', 'users.create ', 'USERS.CREATE', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'x'.repeat(300)]) {
      for (const token of [undefined, admin]) {
        const reply = await changesNothing(() => transport.call(method, {}, token));
        expectTypedError(reply, 'UNKNOWN_METHOD', 404);
      }
    }
  });

  it('no session: NOT_SIGNED_IN for every method that needs one, and a forged token is no session', async () => {
    const guarded = Object.entries(contract).filter(([, def]) => def.access !== 'public').map(([name]) => name);
    expect(guarded).toEqual(expect.arrayContaining(['auth.me', 'auth.logout', 'users.create', 'users.unlock', 'audit.recent']));
    for (const method of guarded) {
      for (const token of [undefined, '', 'forged-token', `${admin}x`]) {
        const reply = await changesNothing(() => transport.call(method, {}, token));
        expectTypedError(reply, 'NOT_SIGNED_IN', 401);
      }
    }
  });

  it('wrong role: FORBIDDEN, one denial in the audit log, nothing else changed', async () => {
    const cases: { role: 'clerk' | 'technician'; method: string; input: unknown; permission: string }[] = [
      { role: 'clerk', method: 'users.create', input: { username: 'sneaky', displayName: '偷偷', role: 'admin', password: 'sneaky-password' }, permission: 'users.manage' },
      { role: 'clerk', method: 'users.unlock', input: { userId: 1 }, permission: 'users.manage' },
      { role: 'technician', method: 'audit.recent', input: {}, permission: 'audit.read' },
      { role: 'technician', method: 'users.list', input: {}, permission: 'users.manage' },
    ];
    for (const c of cases) {
      const token = c.role === 'clerk' ? clerk : technician;
      const before = snapshotTables(branch.app.sqlite, { except: ['audit_log'] });
      const lastId = (branch.app.sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM audit_log').get() as { id: number }).id;
      const reply = await transport.call(c.method, c.input, token);
      expectTypedError(reply, 'FORBIDDEN', 403);
      expect(snapshotTables(branch.app.sqlite, { except: ['audit_log'] })).toEqual(before);
      const added = branch.app.sqlite.prepare('SELECT user_id, username, method, outcome, entity, entity_id, before_json, after_json FROM audit_log WHERE id > ?').all(lastId);
      expect(added).toEqual([
        { user_id: branch.userId(c.role), username: TEST_USERS[c.role].username, method: c.method, outcome: 'denied', entity: null, entity_id: null, before_json: null, after_json: JSON.stringify({ permission: c.permission }) },
      ]);
    }
    expect(branch.app.sqlite.prepare("SELECT count(*) AS n FROM users WHERE username = 'sneaky'").get()).toEqual({ n: 0 });
  });

  it('bad input to sign-in does not count as a wrong password', async () => {
    for (const input of [{ username: 'clerk' }, { username: 'clerk', password: '' }, { username: 'clerk', password: 12345678 }, { username: 'clerk', password: 'x', remember: true }]) {
      const reply = await changesNothing(() => transport.call('auth.login', input));
      expectTypedError(reply, 'INVALID_INPUT', 400);
    }
    expect(branch.app.sqlite.prepare("SELECT failed_logins FROM users WHERE username = 'clerk'").get()).toEqual({ failed_logins: 0 });
  });

  it('the sessions used are still good afterwards', async () => {
    expect((await transport.call('auth.me', {}, clerk)).result.ok).toBe(true);
    expect((await transport.call('users.list', {}, admin)).result.ok).toBe(true);
  });
});

describe('bad requests only HTTP can make', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await overHttp.signIn('admin');
  });

  async function expectRefused(options: Parameters<typeof postApi>[3], status: number, method = 'users.create'): Promise<void> {
    const before = snapshotTables(branch.app.sqlite);
    const reply = await postApi(http.baseUrl, method, undefined, { token: admin, ...options });
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', messageKey: 'errors.INVALID_INPUT' } });
    expect(reply.text).not.toMatch(/stack|FST_|Error/);
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
  }

  it('malformed JSON: 400 INVALID_INPUT', async () => {
    await expectRefused({ rawBody: '{"input": {"username": "x",' }, 400);
    await expectRefused({ rawBody: "{'input': {}}" }, 400);
  });

  it('an empty JSON body: 400 INVALID_INPUT', async () => {
    await expectRefused({ rawBody: '' }, 400);
  });

  it('a wrong content type: 415 INVALID_INPUT', async () => {
    const body = JSON.stringify({ input: { username: 'viaform', displayName: '表单', role: 'clerk', password: 'form-password' } });
    await expectRefused({ rawBody: body, headers: { 'content-type': 'text/plain' } }, 415);
    await expectRefused({ rawBody: 'username=viaform', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415);
    await expectRefused({ rawBody: body, headers: { 'content-type': 'multipart/form-data; boundary=x' } }, 415);
  });

  it('a body over 1 MB: 413 INVALID_INPUT', async () => {
    const big = JSON.stringify({ input: { username: 'big', displayName: 'x'.repeat(1024 * 1024), role: 'clerk', password: 'big-password' } });
    expect(big.length).toBeGreaterThan(1024 * 1024);
    await expectRefused({ rawBody: big }, 413);
  });

  it('a body trying prototype pollution: 400 INVALID_INPUT', async () => {
    await expectRefused({ rawBody: '{"input": {"__proto__": {"role": "admin"}, "username": "proto", "displayName": "p", "role": "clerk", "password": "proto-password"}}' }, 400);
    await expectRefused({ rawBody: '{"input": {"constructor": {"prototype": {"isAdmin": true}}}}' }, 400);
  });

  it('a body of another JSON shape: the input is missing, INVALID_INPUT', async () => {
    const before = snapshotTables(branch.app.sqlite);
    for (const rawBody of ['[]', '42', '"input"', 'null', JSON.stringify({ username: 'x', displayName: 'y', role: 'clerk', password: 'unwrapped-1' })]) {
      const reply = await postApi(http.baseUrl, 'users.create', undefined, { token: admin, rawBody });
      expect(reply.status, rawBody).toBe(400);
      expect((reply.body as { error: ApiError }).error.code, rawBody).toBe('INVALID_INPUT');
    }
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
  });

  it('any other path under /api/: 404 UNKNOWN_METHOD; elsewhere 404 NOT_FOUND', async () => {
    for (const [url, method, code] of [
      ['/api/users.list/extra', 'POST', 'UNKNOWN_METHOD'],
      ['/api/users.list', 'GET', 'UNKNOWN_METHOD'],
      ['/api/', 'POST', 'UNKNOWN_METHOD'],
      ['/no-such-page', 'GET', 'NOT_FOUND'],
    ] as const) {
      const reply = await fetch(`${http.baseUrl}${url}`, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
      expect(reply.status, url).toBe(404);
      expect(await reply.json(), url).toEqual({ ok: false, error: { code, messageKey: `errors.${code}` } });
    }
  });
});

describe('a failing operation leaves nothing half-written', () => {
  function dispatcherWith(override: Partial<Handlers>, logged: unknown[]) {
    return createDispatcher({
      db: branch.app.db,
      sessions: branch.app.sessions,
      clock: branch.clock,
      // What users.create needs, plus the sync hook the branch app passes; asserted so the test keeps
      // compiling while AppConfig grows.
      config: { passwordCost: CHEAP_SCRYPT, sendReportsNow: () => undefined } as AppConfig,
      handlers: { ...handlers, ...override } as Handlers,
      logError: (_message, error) => logged.push(error),
    });
  }
  const realCreate = handlers['users.create'];
  const newUser = { username: 'halfway', displayName: '半途', role: 'clerk', password: 'halfway-password' } as const;

  it('an unexpected exception after a write: INTERNAL, rolled back, logged, no audit row', async () => {
    const logged: unknown[] = [];
    const dispatch = dispatcherWith({ 'users.create': async (ctx: OpContext, input) => { await realCreate(ctx, input); throw new Error('disk on fire at /secret/path'); } }, logged);
    const token = await branch.signIn('admin');
    const before = snapshotTables(branch.app.sqlite);
    const { result } = await dispatch({ method: 'users.create', input: newUser, token });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL' } });
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
    expect(logged).toHaveLength(1);
    expect((logged[0] as Error).message).toBe('disk on fire at /secret/path');
  });

  it('a typed refusal after a write: the typed error, rolled back', async () => {
    const dispatch = dispatcherWith({ 'users.create': async (ctx: OpContext, input) => { await realCreate(ctx, input); throw new AppError('CONFLICT', { reasonKey: 'reasons.usernameTaken' }); } }, []);
    const token = await branch.signIn('admin');
    const before = snapshotTables(branch.app.sqlite);
    const { result } = await dispatch({ method: 'users.create', input: newUser, token });
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', messageKey: 'errors.CONFLICT', details: { reasonKey: 'reasons.usernameTaken' } } });
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
  });

  it('a duplicate user name (any case) is a CONFLICT that writes nothing', async () => {
    const token = await branch.signIn('admin');
    const before = snapshotTables(branch.app.sqlite);
    const error = await branch.fail('users.create', { ...newUser, username: 'CLERK' }, token);
    expect(error).toEqual({ code: 'CONFLICT', messageKey: 'errors.CONFLICT', details: { reasonKey: 'reasons.usernameTaken' } });
    expect(snapshotTables(branch.app.sqlite)).toEqual(before);
  });
});

describe('every refusal the validator produces is translated', () => {
  type Catalogue = { [key: string]: string | Catalogue };
  const has = (catalogue: Catalogue, key: string) =>
    typeof key.split('.').reduce<Catalogue | string | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), catalogue) === 'string';

  it('for any input a method does not accept: INVALID_INPUT, keys present in zh-CN and en, nothing written', async () => {
    // Each method is called by a role that may call it: permission is checked before the input.
    const tokens = new Map<string, string>();
    for (const role of ROLES) tokens.set(role, await branch.signIn(role));
    const tokenFor = (method: keyof typeof contract) => {
      const access = contract[method].access;
      const role = access === 'public' || access === 'signedIn' ? 'admin' : ROLES.find((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(access))!;
      return tokens.get(role)!;
    };
    const before = auditCount();
    const methods = Object.keys(contract) as (keyof typeof contract)[];
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.oneof(fc.anything(), fc.object(), fc.dictionary(fc.constantFrom('username', 'password', 'userId', 'role', 'limit', 'language', 'branch', 'admin', 'displayName'), fc.anything())), async (method, input) => {
        fc.pre(!(contract[method].input as { safeParse(v: unknown): { success: boolean } }).safeParse(input ?? {}).success);
        const { result } = await branch.call(method, input, tokenFor(method));
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe('INVALID_INPUT');
        for (const field of result.error.details?.fields ?? []) {
          seen.add(field.messageKey);
          expect(has(zhCN as Catalogue, field.messageKey), `zh-CN ${field.messageKey} (${method} ${field.path})`).toBe(true);
          expect(has(en as Catalogue, field.messageKey), `en ${field.messageKey} (${method} ${field.path})`).toBe(true);
        }
      }),
      { numRuns: 400, seed: 20261123 },
    );
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(auditCount()).toBe(before);
  });
});
