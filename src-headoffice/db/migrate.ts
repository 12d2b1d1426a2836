import { Migrator, type Kysely } from 'kysely';
import { headOfficeMigrations } from '../migrations';
import type { HeadOfficeDB } from './schema';

/** Bring the head-office database to the latest schema; each migration commits on its own, whole. */
export async function migrateHeadOffice(db: Kysely<HeadOfficeDB>, options: { schema?: string | undefined } = {}): Promise<string[]> {
  // On PostgreSQL the Migrator looks for its own tables in every schema unless told which one: with
  // another store's tables in the same database it would think them present and fail.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...headOfficeMigrations }) },
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
