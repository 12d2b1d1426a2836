import { AppError, conflict, notFound } from '../app-error';
import { signedIn, type Handler } from '../operation';
import { hashPassword } from '../password';
import { findUserById, findUserByUsername, insertUser, toUserView } from '../repos/users';

export const list: Handler<'users.list'> = async (ctx) => {
  const rows = await ctx.db.selectFrom('users').selectAll().orderBy('role').orderBy('username').execute();
  return rows.map(toUserView);
};

export const create: Handler<'users.create'> = async (ctx, input) => {
  // A branch manager staffs the branch; only an administrator makes another administrator.
  if (input.role === 'admin' && signedIn(ctx).role !== 'admin') throw new AppError('FORBIDDEN', { reasonKey: 'reasons.onlyAdminCreatesAdmin' });
  if (await findUserByUsername(ctx.db, input.username)) throw conflict('reasons.usernameTaken');
  const row = await insertUser(
    ctx.db,
    { username: input.username, displayName: input.displayName, role: input.role, passwordHash: await hashPassword(input.password, ctx.config.passwordCost) },
    ctx.now.toISOString(),
  );
  const view = toUserView(row);
  ctx.audit('user', row.id, null, view);
  return view;
};

/** A manager or admin clears the wrong-password count; there is never a permanent lockout. */
export const unlock: Handler<'users.unlock'> = async (ctx, input) => {
  const before = await findUserById(ctx.db, input.userId);
  if (!before) throw notFound('user');
  await ctx.db.updateTable('users').set({ failed_logins: 0, last_failed_at: null }).where('id', '=', input.userId).execute();
  const after = { ...toUserView(before), failedLogins: 0 };
  ctx.audit('user', before.id, toUserView(before), after);
  return after;
};
