import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiError, ApiResult } from '../../src-shared/contract/errors';
import type { Role } from '../../src-shared/contract/roles';
import { openBranchApp, type BranchApp, type BranchAppOptions } from '../../src-main/core/branch-app';
import { fixedClock } from '../../src-main/core/clock';
import type { DispatchOutcome } from '../../src-main/core/dispatch';
import type { ScryptCost } from '../../src-main/core/password';

/** A scrypt cost a thousand times cheaper than OWASP's: tests that are not about hashing use it. */
export const CHEAP_SCRYPT: ScryptCost = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });

/** A Monday morning in Beijing (09:00 +08:00). */
export const TEST_START = new Date('2026-03-02T01:00:00.000Z');

export const TEST_BRANCH = Object.freeze({ code: 'SH02', name: '上海徐汇服务站', address: '上海市徐汇区漕溪北路88号', phone: '021-64381234' });

/** One user per role; the admin is the one setup creates. */
export const TEST_USERS: Readonly<Record<Role, { username: string; displayName: string; password: string }>> = Object.freeze({
  admin: { username: 'admin', displayName: '管理员', password: 'admin-password-1' },
  clerk: { username: 'clerk', displayName: '李秀英', password: 'clerk-password-1' },
  supervisor: { username: 'supervisor', displayName: '王建国', password: 'supervisor-password-1' },
  technician: { username: 'tech', displayName: '张伟', password: 'tech-password-1' },
  manager: { username: 'manager', displayName: '赵立新', password: 'manager-password-1' },
});

export type TestClock = ReturnType<typeof fixedClock>;

export interface TestBranch {
  readonly app: BranchApp;
  readonly dataDir: string;
  readonly clock: TestClock;
  /** Call the real dispatcher. */
  call(method: string, input: unknown, token?: string): Promise<DispatchOutcome>;
  /** Call and expect success; returns the data. */
  ok<T = unknown>(method: string, input: unknown, token?: string): Promise<T>;
  /** Call and expect a typed error; returns it. */
  fail(method: string, input: unknown, token?: string): Promise<ApiError>;
  /** Create the branch and its admin (through `setup.createBranch`), then one user per other role. */
  seed(): Promise<void>;
  /** Sign in as the test user of `role` and return the session token. */
  signIn(role: Role): Promise<string>;
  userId(role: Role): number;
  close(): Promise<void>;
}

export function makeTempDir(prefix = 'aftercare-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tokenOf(outcome: DispatchOutcome): string {
  const change = outcome.sessionChange;
  if (!change || !('set' in change)) throw new Error(`no session was set: ${JSON.stringify(outcome.result)}`);
  return change.set.token;
}

function describeResult(result: ApiResult<unknown>): string {
  return JSON.stringify(result);
}

/**
 * A branch app on a fresh temp folder with a fixed clock and the cheap scrypt cost. Nothing is set up
 * until `seed()`.
 */
export async function openTestBranch(options: Partial<BranchAppOptions> = {}): Promise<TestBranch> {
  const dataDir = options.dataDir ?? makeTempDir();
  const clock = fixedClock(TEST_START);
  const app = await openBranchApp({ clock, passwordCost: CHEAP_SCRYPT, ...options, dataDir });
  const ids = new Map<Role, number>();

  const call = (method: string, input: unknown, token?: string) => app.dispatch({ method, input, token });
  const ok = async <T>(method: string, input: unknown, token?: string): Promise<T> => {
    const { result } = await call(method, input, token);
    if (!result.ok) throw new Error(`${method} failed: ${describeResult(result)}`);
    return result.data as T;
  };
  const fail = async (method: string, input: unknown, token?: string): Promise<ApiError> => {
    const { result } = await call(method, input, token);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded: ${describeResult(result)}`);
    return result.error;
  };
  const signIn = async (role: Role): Promise<string> => {
    const user = TEST_USERS[role];
    const outcome = await call('auth.login', { username: user.username, password: user.password });
    if (!outcome.result.ok) throw new Error(`sign-in as ${role} failed: ${describeResult(outcome.result)}`);
    return tokenOf(outcome);
  };
  const seed = async (): Promise<void> => {
    const admin = TEST_USERS.admin;
    await ok('setup.createBranch', { branch: TEST_BRANCH, admin });
    const token = await signIn('admin');
    const me = await ok<{ user: { id: number } }>('auth.me', {}, token);
    ids.set('admin', me.user.id);
    for (const role of ['clerk', 'supervisor', 'technician', 'manager'] as const) {
      const user = await ok<{ id: number }>('users.create', { ...TEST_USERS[role], role }, token);
      ids.set(role, user.id);
    }
    await ok('auth.logout', {}, token);
  };
  return {
    app,
    dataDir,
    clock,
    call,
    ok,
    fail,
    seed,
    signIn,
    userId: (role) => {
      const id = ids.get(role);
      if (id === undefined) throw new Error(`no ${role} seeded`);
      return id;
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `openTestBranch()` followed by `seed()`. */
export async function openSeededBranch(options: Partial<BranchAppOptions> = {}): Promise<TestBranch> {
  const branch = await openTestBranch(options);
  await branch.seed();
  return branch;
}
