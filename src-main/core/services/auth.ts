import { AppError } from '../app-error';
import type { Handler } from '../operation';
import { signedIn } from '../operation';
import { hashPassword, verifyPassword, type ScryptCost } from '../password';
import { permissionsOf } from '../permissions';
import { appendAudit } from '../repos/audit-log';
import { findBranch } from '../repos/branch';
import { findUserById, findUserByUsername, type UserRow } from '../repos/users';
import type { Me } from '../../../src-shared/contract/auth';
import type { BranchRow } from '../repos/branch';
import type { OpContext } from '../operation';

/** Wrong passwords allowed before each further try has to wait. */
export const FREE_LOGIN_ATTEMPTS = 5;
const MAX_WAIT_SECONDS = 15 * 60;

/** Seconds the next try must wait after `failed` wrong passwords: 30 s, doubling, at most 15 minutes. */
export function loginWaitSeconds(failed: number): number {
  if (failed < FREE_LOGIN_ATTEMPTS) return 0;
  return Math.min(30 * 2 ** (failed - FREE_LOGIN_ATTEMPTS), MAX_WAIT_SECONDS);
}

// Checked when the user name is unknown, so an unknown user costs as long as a wrong password. One per
// cost: a stand-in made at another cost (another branch app in the same process) would answer faster.
const dummyHashes = new Map<string, Promise<string>>();

function dummyHashFor(cost: ScryptCost): Promise<string> {
  const key = `${cost.N}/${cost.r}/${cost.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword('not-a-password', cost);
    dummyHashes.set(key, hash);
  }
  return hash;
}

function toMe(user: UserRow, branch: BranchRow): Me {
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      language: user.language,
      permissions: permissionsOf(user.role),
    },
    branch: { code: branch.code, name: branch.name },
  };
}

async function requireBranch(ctx: OpContext): Promise<BranchRow> {
  const branch = await findBranch(ctx.db);
  if (!branch) throw new AppError('NOT_SET_UP');
  return branch;
}

/**
 * A refused sign-in, audited after the rollback as a denial: the user name tried, never the password.
 */
function refusedSignIn(
  ctx: OpContext,
  code: 'BAD_CREDENTIALS' | 'LOGIN_THROTTLED',
  username: string,
  userId: number | null,
  details?: { retryAfterSeconds: number },
): AppError {
  const error = new AppError(code, details);
  const at = ctx.now.toISOString();
  error.afterRollback = (db) =>
    appendAudit(db, [{ at, userId, username, method: 'auth.login', outcome: 'denied', entity: 'session', entityId: userId === null ? null : String(userId), before: null, after: { refused: code } }]);
  return error;
}

export const login: Handler<'auth.login'> = async (ctx, input) => {
  const branch = await requireBranch(ctx);
  const user = await findUserByUsername(ctx.db, input.username);
  if (!user || user.is_active === 0) {
    await verifyPassword(input.password, await dummyHashFor(ctx.config.passwordCost));
    throw refusedSignIn(ctx, 'BAD_CREDENTIALS', input.username, null);
  }
  // While the quick check runs the users row lags behind: the held failed attempts count too (sessions.ts).
  const held = ctx.sessions.heldSignIns;
  const attempts = held.attemptsOf(user.id, { failedLogins: user.failed_logins, lastFailedAt: user.last_failed_at });
  const wait = loginWaitSeconds(attempts.failedLogins);
  if (wait > 0 && attempts.lastFailedAt) {
    const allowedAt = Date.parse(attempts.lastFailedAt) + wait * 1000;
    if (ctx.now.getTime() < allowedAt) {
      throw refusedSignIn(ctx, 'LOGIN_THROTTLED', input.username, user.id, { retryAfterSeconds: Math.ceil((allowedAt - ctx.now.getTime()) / 1000) });
    }
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    const failure = refusedSignIn(ctx, 'BAD_CREDENTIALS', input.username, user.id);
    const at = ctx.now.toISOString();
    const audit = failure.afterRollback!;
    failure.afterRollback = async (db) => {
      await db.updateTable('users').set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), last_failed_at: at })).where('id', '=', user.id).execute();
      await audit(db);
    };
    held.noteAttempts(user.id, { failedLogins: attempts.failedLogins + 1, lastFailedAt: at });
    throw failure;
  }
  if (attempts.failedLogins > 0) {
    await held.writeOrHold(ctx.db, (db) => db.updateTable('users').set({ failed_logins: 0, last_failed_at: null }).where('id', '=', user.id).execute().then(() => undefined));
    held.noteAttempts(user.id, { failedLogins: 0, lastFailedAt: null });
  }
  const session = ctx.sessions.create({ id: user.id, username: user.username, role: user.role }, ctx.now.getTime());
  ctx.changeSession({ set: session });
  ctx.audit('session', user.id, null, { username: user.username });
  return toMe(user, branch);
};

export const logout: Handler<'auth.logout'> = async (ctx) => {
  const session = signedIn(ctx);
  ctx.sessions.end(session.token);
  ctx.changeSession({ clear: true });
  ctx.audit('session', session.userId, { username: session.username }, null);
  return null;
};

export const me: Handler<'auth.me'> = async (ctx) => {
  const session = signedIn(ctx);
  const user = await findUserById(ctx.db, session.userId);
  if (!user) throw new AppError('NOT_SIGNED_IN');
  return toMe(user, await requireBranch(ctx));
};

export const setLanguage: Handler<'profile.setLanguage'> = async (ctx, input) => {
  const session = signedIn(ctx);
  const before = await findUserById(ctx.db, session.userId);
  await ctx.db.updateTable('users').set({ language: input.language }).where('id', '=', session.userId).execute();
  ctx.audit('user', session.userId, { language: before?.language }, { language: input.language });
  return null;
};
