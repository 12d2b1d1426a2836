import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { branchMigrations } from '../../../migrations';
import { backupDatabase } from './backup';
import type { Sqlite } from './open';
import type { DB } from './schema';

/** Thrown when the file was written by a newer Aftercare: it is refused, never altered. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This database was written by a newer version of Aftercare (schema ${fileVersion}, this app knows ${appVersion}). ` +
        `It has not been changed. Install the newer Aftercare to open it.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

export interface MigrationOutcome {
  fromVersion: number;
  toVersion: number;
  applied: string[];
  backupFile: string | null;
}

const names = Object.keys(branchMigrations).sort();
export const LATEST_SCHEMA_VERSION = names.length;

/**
 * Each migration also sets `PRAGMA user_version` inside the same transaction, so the version bump and
 * the schema change commit together, and start-up can check the version in a tenth of a millisecond
 * instead of asking the Migrator.
 */
function withVersionBump(): Record<string, Migration> {
  const wrapped: Record<string, Migration> = {};
  names.forEach((name, index) => {
    const migration = branchMigrations[name]!;
    wrapped[name] = {
      up: async (db) => {
        await migration.up(db);
        await sql.raw(`PRAGMA user_version = ${index + 1}`).execute(db);
      },
    };
  });
  return wrapped;
}

/**
 * Bring the branch database to the latest schema. A database from a newer version is refused; before
 * any migration runs on an existing database, a backup copy is written to `backupDir`.
 */
export async function migrateToLatest(
  db: Kysely<DB>,
  sqlite: Sqlite,
  options: { backupDir: string; now: Date },
): Promise<MigrationOutcome> {
  const fromVersion = sqlite.pragma('user_version', { simple: true }) as number;
  if (fromVersion === LATEST_SCHEMA_VERSION) {
    return { fromVersion, toVersion: fromVersion, applied: [], backupFile: null };
  }
  if (fromVersion > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(fromVersion, LATEST_SCHEMA_VERSION);

  const hasTables =
    (sqlite.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n > 0;
  const backupFile = hasTables ? await backupDatabase(sqlite, options.backupDir, `before-migration-v${fromVersion}`, options.now) : null;

  const migrator = new Migrator({ db, provider: { getMigrations: async () => withVersionBump() } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return {
    fromVersion,
    toVersion: sqlite.pragma('user_version', { simple: true }) as number,
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    backupFile,
  };
}
