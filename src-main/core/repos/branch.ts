import type { Kysely, Selectable } from 'kysely';
import type { BranchTable, DB } from '../db/schema';

export type BranchRow = Selectable<BranchTable>;

export function findBranch(db: Kysely<DB>): Promise<BranchRow | undefined> {
  return db.selectFrom('branch').selectAll().where('id', '=', 1).executeTakeFirst();
}
