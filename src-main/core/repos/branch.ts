import { sql, type Kysely, type Selectable } from 'kysely';
import type { BranchTable, DB } from '../db/schema';

export type BranchRow = Selectable<BranchTable>;

/** The branch (one row, id 1); undefined before setup. In SQL: every registration reads it (see repos/calls.ts). */
export async function findBranch(db: Kysely<DB>): Promise<BranchRow | undefined> {
  const { rows } = await sql<BranchRow>`SELECT * FROM branch WHERE id = 1`.execute(db);
  return rows[0];
}
