import { PostgresAdapter, type Kysely } from 'kysely';

/** The few places that differ between the two databases ask this. */
export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
