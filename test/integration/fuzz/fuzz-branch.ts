import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, type MethodName } from '../../../src-shared/contract';
import type { ApiResult } from '../../../src-shared/contract/errors';
import type { Role } from '../../../src-shared/contract/roles';
import { openBranchApp, type BranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';
import { DEMO_USERS, seedDemoBranch } from '../../../src-main/core/demo/demo-branch';
import { ROLE_PERMISSIONS } from '../../../src-main/core/permissions';
import { CHEAP_SCRYPT } from '../../helpers/branch';

/** Monday 2026-11-23 09:00 in Beijing: the demo's day. */
export const FUZZ_NOW = new Date('2026-11-23T01:00:00.000Z');
export const FUZZ_TODAY = '2026-11-23';

/** A user only auth.login is fuzzed against, so wrong passwords never throttle a user whose session the run needs. */
export const LOGIN_TARGET = { username: 'fuzzlogin', displayName: '登录靶子', role: 'clerk' as Role, password: 'fuzz-login-password' };

/** Real records of the demo branch that mostly-valid inputs point at. */
export interface DemoIds {
  customers: number[];
  products: number[];
  calls: number[];
  cards: number[];
  users: number[];
  technicians: number[];
  receipts: string[];
  /** Backups in the folder (the first taken right after seeding). */
  backups: string[];
}

export interface FuzzBranch {
  readonly app: BranchApp;
  readonly ids: DemoIds;
  /** The ids as they are now, with the backups now in the folder. */
  currentIds(): Promise<DemoIds>;
  /** Unexpected failures the dispatcher logged (each one is also an INTERNAL result). */
  readonly logged: unknown[];
  /** Usernames of the demo users allowed to call `method` (none for a public method). */
  callersOf(method: MethodName): string[];
  /** The session token of `username` (null: no session), signing in again if an earlier call signed out. */
  tokenOf(username: string | null): Promise<string | undefined>;
  /** Call `method` with `token`; a successful auth.logout forgets that user's session. */
  call(method: MethodName, input: unknown, username: string | null, token: string | undefined): Promise<ApiResult<unknown>>;
  close(): Promise<void>;
}

function rolesFor(method: MethodName): Role[] {
  const access = contract[method].access;
  if (access === 'public') return [];
  const roles = Object.keys(ROLE_PERMISSIONS) as Role[];
  return access === 'signedIn' ? roles : roles.filter((r) => ROLE_PERMISSIONS[r].includes(access));
}

function demoIds(app: BranchApp, backups: string[]): DemoIds {
  const column = <T>(sql: string) => (app.sqlite.prepare(sql).pluck().all() as T[]);
  return {
    customers: column('SELECT id FROM customers ORDER BY id'),
    products: column('SELECT id FROM products ORDER BY id'),
    calls: column('SELECT id FROM calls ORDER BY id'),
    cards: column('SELECT id FROM repair_cards ORDER BY id'),
    users: column('SELECT id FROM users ORDER BY id'),
    technicians: column("SELECT id FROM users WHERE role = 'technician' ORDER BY id"),
    receipts: column('SELECT number FROM receipts ORDER BY id'),
    backups,
  };
}

/**
 * The demo branch (the same records `npm run web -- --demo` shows) on a real SQLite file, one session
 * per demo user. scrypt runs at the cheap test cost: at OWASP's cost each auth.login or users.create
 * that reaches the hash takes ~150 ms, and 1,000 of them would be the whole time budget.
 */
export async function openFuzzBranch(): Promise<FuzzBranch> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-fuzz-'));
  const logged: unknown[] = [];
  const clock = fixedClock(FUZZ_NOW);
  const app = await openBranchApp({ dataDir, clock, passwordCost: CHEAP_SCRYPT, logError: (_m, error) => logged.push(error) });
  await seedDemoBranch(app.dispatch, FUZZ_NOW);

  const passwords = new Map(DEMO_USERS.map((u) => [u.username, u.password]));
  const tokens = new Map<string, string>();
  const signIn = async (username: string): Promise<string> => {
    const outcome = await app.dispatch({ method: 'auth.login', input: { username, password: passwords.get(username) } });
    if (!outcome.result.ok || !outcome.sessionChange || !('set' in outcome.sessionChange)) throw new Error(`sign-in ${username} failed: ${JSON.stringify(outcome.result)}`);
    tokens.set(username, outcome.sessionChange.set.token);
    return outcome.sessionChange.set.token;
  };
  for (const u of DEMO_USERS) await signIn(u.username);
  const admin = tokens.get('admin');
  const target = await app.dispatch({ method: 'users.create', input: LOGIN_TARGET, token: admin });
  if (!target.result.ok) throw new Error(`creating ${LOGIN_TARGET.username} failed`);
  const backup = await app.dispatch({ method: 'backups.create', input: {}, token: admin });
  if (!backup.result.ok) throw new Error(`the first backup failed: ${JSON.stringify(backup.result)}`);
  const backupId = (backup.result.data as { id: string }).id;

  const usersByRole = new Map<Role, string[]>();
  for (const u of DEMO_USERS) usersByRole.set(u.role, [...(usersByRole.get(u.role) ?? []), u.username]);

  const tokenOf = async (username: string | null) => (username === null ? undefined : (tokens.get(username) ?? (await signIn(username))));

  return {
    app,
    ids: demoIds(app, [backupId]),
    async currentIds() {
      const listed = await app.dispatch({ method: 'backups.list', input: {}, token: await tokenOf('admin') });
      // Manual ones only: the copy taken before the first migration holds an empty branch nobody can sign in to.
      const all = listed.result.ok ? (listed.result.data as { backups: { id: string; kind: string }[] }).backups : [];
      const backups = all.filter((b) => b.kind === 'manual').map((b) => b.id);
      return demoIds(app, backups.length > 0 ? backups : [backupId]);
    },
    logged,
    callersOf: (method) => rolesFor(method).flatMap((role) => usersByRole.get(role) ?? []),
    tokenOf,
    async call(method, input, username, token) {
      // A millisecond per call, as for real users (55,000 calls stay within the demo's morning). A frozen
      // clock put a dozen backups in one instant, where rotation orders them by name suffix and deleted
      // the newest: that is reported to the backups work, not fuzzed here over and over.
      clock.advanceMs(1);
      const outcome = await app.dispatch({ method, input, token });
      // A successful auth.logout ended this session, a restore ended everyone's: the next call signs in again.
      if (username !== null && outcome.sessionChange && 'clear' in outcome.sessionChange) tokens.delete(username);
      if (method === 'backups.restore' && outcome.result.ok) tokens.clear();
      return outcome.result;
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
