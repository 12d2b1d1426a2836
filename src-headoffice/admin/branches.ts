import type { Kysely } from 'kysely';
import { branchCodeSchema } from '../../src-shared/sync/report-envelope';
import type { Clock } from '../clock';
import { newSecret } from '../crypto';
import type { HeadOfficeDB } from '../db/schema';

export interface BranchView {
  code: string;
  name: string;
  createdAt: string;
  secretRotatedAt: string | null;
}

function checkCode(code: string): string {
  const parsed = branchCodeSchema.safeParse(code);
  if (!parsed.success) throw new Error(`A branch code is two capital letters and two digits, such as BJ01 (got "${code}").`);
  return parsed.data;
}

/** Register a branch; returns its secret, which is shown once and must be entered at the branch. */
export async function addBranch(db: Kysely<HeadOfficeDB>, clock: Clock, code: string, name: string): Promise<string> {
  checkCode(code);
  if (!name.trim()) throw new Error('A branch needs a name.');
  const existing = await db.selectFrom('branches').select('code').where('code', '=', code).executeTakeFirst();
  if (existing) throw new Error(`Branch ${code} is already registered; use "branch rotate ${code}" for a new secret.`);
  const secret = newSecret();
  await db.insertInto('branches').values({ code, name: name.trim(), secret, created_at: clock.now().toISOString(), secret_rotated_at: null }).execute();
  return secret;
}

/**
 * Give a branch a new secret; the old one stops working at once (a rotation is usually because the old
 * one may have leaked). The branch keeps its reports queued until the new secret is entered there.
 */
export async function rotateBranchSecret(db: Kysely<HeadOfficeDB>, clock: Clock, code: string): Promise<string> {
  checkCode(code);
  const secret = newSecret();
  const result = await db.updateTable('branches').set({ secret, secret_rotated_at: clock.now().toISOString() }).where('code', '=', code).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`No branch ${code} is registered.`);
  return secret;
}

export async function listBranches(db: Kysely<HeadOfficeDB>): Promise<BranchView[]> {
  const rows = await db.selectFrom('branches').select(['code', 'name', 'created_at', 'secret_rotated_at']).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, createdAt: r.created_at, secretRotatedAt: r.secret_rotated_at }));
}
