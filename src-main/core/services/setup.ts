import { AppError } from '../app-error';
import type { Handler } from '../operation';
import { hashPassword } from '../password';
import { findBranch } from '../repos/branch';
import { insertUser, toUserView } from '../repos/users';

export const status: Handler<'setup.status'> = async (ctx) => {
  const branch = await findBranch(ctx.db);
  return { isSetUp: Boolean(branch), branch: branch ? { code: branch.code, name: branch.name } : null };
};

/** First run: the branch and its first admin, in one transaction. Refused once a branch exists. */
export const createBranch: Handler<'setup.createBranch'> = async (ctx, input) => {
  if (await findBranch(ctx.db)) throw new AppError('ALREADY_SET_UP');
  const createdAt = ctx.now.toISOString();
  const branch = { id: 1, code: input.branch.code, name: input.branch.name, address: input.branch.address, phone: input.branch.phone, created_at: createdAt };
  await ctx.db.insertInto('branch').values(branch).execute();
  const admin = await insertUser(
    ctx.db,
    { username: input.admin.username, displayName: input.admin.displayName, role: 'admin', passwordHash: await hashPassword(input.admin.password, ctx.config.passwordCost) },
    createdAt,
  );
  ctx.audit('branch', branch.code, null, branch);
  ctx.audit('user', admin.id, null, toUserView(admin));
  return { isSetUp: true, branch: { code: branch.code, name: branch.name } };
};
