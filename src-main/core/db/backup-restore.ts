import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { countRows, sha256OfFile, writeBackup } from './backup';
import { backupFileOf, readManifest, TEMP_PREFIX, type BackupManifest } from './backup-manifest';
import { copyWithBackupApi, openPlain } from './backup-online';
import { LATEST_SCHEMA_VERSION, migrateToLatest } from './migrate';
import { createKysely, type Sqlite } from './open';

export type BackupProblem = 'missing' | 'sizeMismatch' | 'hashMismatch' | 'notADatabase' | 'integrity' | 'versionMismatch' | 'tooNew' | 'countsMismatch';

/** A backup that cannot be restored, and why. Nothing was changed when this is thrown. */
export class BackupRefusedError extends Error {
  constructor(
    readonly id: string,
    readonly problem: BackupProblem,
    detail = '',
  ) {
    super(`Backup ${id} cannot be restored: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'BackupRefusedError';
  }
}

const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
  JSON.stringify(Object.entries(a).sort(([x], [y]) => x.localeCompare(y))) === JSON.stringify(Object.entries(b).sort(([x], [y]) => x.localeCompare(y)));

/**
 * Check a backup before it is trusted: its manifest, the file's size and SHA-256 against it, SQLite's
 * full `integrity_check`, the schema version (one from a newer Aftercare is refused) and the row counts.
 * Reads the backup only, on its own read-only connection.
 */
export function verifyBackup(dir: string, id: string): BackupManifest {
  const manifest = readManifest(dir, id);
  const file = backupFileOf(dir, id);
  if (!manifest || !existsSync(file)) throw new BackupRefusedError(id, 'missing');
  if (statSync(file).size !== manifest.sizeBytes) throw new BackupRefusedError(id, 'sizeMismatch');
  if (sha256OfFile(file) !== manifest.sha256) throw new BackupRefusedError(id, 'hashMismatch');
  let copy: Sqlite | null = null;
  try {
    copy = openPlain(file, { readonly: true });
    const problems = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length > 0) throw new BackupRefusedError(id, 'integrity', problems.slice(0, 3).join('; '));
    const version = copy.pragma('user_version', { simple: true }) as number;
    if (version !== manifest.schemaVersion) throw new BackupRefusedError(id, 'versionMismatch');
    if (version > LATEST_SCHEMA_VERSION) throw new BackupRefusedError(id, 'tooNew');
    if (!sameCounts(countRows(copy), manifest.tables)) throw new BackupRefusedError(id, 'countsMismatch');
  } catch (error) {
    if (error instanceof BackupRefusedError) throw error;
    // "file is not a database", "database disk image is malformed": the bytes cannot be read as SQLite.
    throw new BackupRefusedError(id, 'notADatabase', error instanceof Error ? error.message : String(error));
  } finally {
    copy?.close();
  }
  return manifest;
}

/**
 * A backup of an older schema is first copied aside and migrated there, so the live file goes from the
 * current schema straight to the restored data at the current schema in one step, never through an
 * old schema this app cannot run on.
 */
async function stageAtLatestSchema(backupFile: string, stagingDir: string, now: Date): Promise<string> {
  mkdirSync(stagingDir, { recursive: true });
  const staged = path.join(stagingDir, 'branch.sqlite');
  copyFileSync(backupFile, staged);
  const sqlite = openPlain(staged);
  const db = createKysely(sqlite);
  try {
    await migrateToLatest(db, sqlite, { backupDir: path.join(stagingDir, 'backups'), now });
  } finally {
    await db.destroy();
  }
  return staged;
}

export interface RestoreRequest {
  /** The live connection: the source of the safety copy. Must not have read inside an open transaction (see backup-keeper.ts). */
  sqlite: Sqlite;
  liveFile: string;
  dir: string;
  id: string;
  now: Date;
  localDate: string;
  createdBy: string;
  appVersion?: string;
}

export interface RestoreResult {
  restored: BackupManifest;
  safety: BackupManifest;
}

/**
 * Replace the live database's content with a verified backup, keeping the live file, its WAL and every
 * open connection: SQLite's backup API writes the backup's pages into the live file as one write
 * transaction through its own connection. A crash or a full disk part-way leaves the old content (the
 * transaction never commits); the open connections see the new content at their next read, like any
 * other commit. The current content is first saved as a `beforeRestore` backup.
 */
export async function restoreBackup(request: RestoreRequest): Promise<RestoreResult> {
  const { dir, id } = request;
  const restored = verifyBackup(dir, id);
  const safety = await writeBackup(request.sqlite, dir, {
    kind: 'beforeRestore',
    now: request.now,
    localDate: request.localDate,
    createdBy: request.createdBy,
    ...(request.appVersion ? { appVersion: request.appVersion } : {}),
  });
  const stagingDir = path.join(dir, `${TEMP_PREFIX}restore-${randomBytes(6).toString('hex')}`);
  try {
    const sourceFile = restored.schemaVersion < LATEST_SCHEMA_VERSION ? await stageAtLatestSchema(backupFileOf(dir, id), stagingDir, request.now) : backupFileOf(dir, id);
    const source = openPlain(sourceFile, { readonly: true });
    let expected: Record<string, number>;
    try {
      expected = countRows(source);
      // One step: the whole copy is one transaction on the live file, and nothing else runs meanwhile.
      await copyWithBackupApi(source, request.liveFile, { pagesPerStep: 0x7fffffff });
    } finally {
      source.close();
    }
    if (!sameCounts(countRows(request.sqlite), expected)) throw new Error(`restore of ${id}: the live database does not hold the backup's rows afterwards`);
    return { restored, safety };
  } finally {
    rmSync(stagingDir, { recursive: true, force: true });
  }
}
