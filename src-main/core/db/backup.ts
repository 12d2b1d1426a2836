import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import path from 'node:path';
import type { BackupKind } from '../../../src-shared/contract/backups';
import packageJson from '../../../package.json' with { type: 'json' };
import { backupFileOf, backupIdFor, manifestFileOf, MANIFEST_FORMAT, TEMP_PREFIX, type BackupManifest } from './backup-manifest';
import { copyWithBackupApi, openPlain } from './backup-online';
import type { Sqlite } from './open';

/** Written into manifests unless openBranchApp is given a version (the Electron rim can pass app.getVersion()). */
export const APP_VERSION: string = packageJson.version;

export interface BackupRequest {
  kind: BackupKind;
  now: Date;
  /** The branch's local day of `now`; defaults to the UTC day (only daily backups rely on it). */
  localDate?: string;
  createdBy?: string | null;
  appVersion?: string;
}

interface CountedTable {
  name: string;
  /** Rows are keyed by rowid (every table but WITHOUT ROWID ones, e.g. FTS5's index shadow tables). */
  hasRowid: boolean;
}

/** The tables that store rows (virtual tables are counted through their shadow tables), by name. */
function countedTables(sqlite: Sqlite): CountedTable[] {
  const tables = sqlite
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  return tables.filter(({ sql }) => !/^CREATE VIRTUAL TABLE/i.test(sql ?? '')).map(({ name, sql }) => ({ name, hasRowid: !/WITHOUT\s+ROWID/i.test(sql ?? '') }));
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function countTable(sqlite: Sqlite, name: string): number {
  return sqlite.prepare(`SELECT count(*) FROM ${quoted(name)}`).pluck().get() as number;
}

/** Rows per table of a database file: every table that stores rows. */
export function countRows(sqlite: Sqlite): Record<string, number> {
  return Object.fromEntries(countedTables(sqlite).map(({ name }) => [name, countTable(sqlite, name)]));
}

/** Rows counted per turn of the event loop: tens of milliseconds for the widest table. */
const ROWS_PER_TURN = 100_000;

/**
 * One table's rows counted a slice at a time in rowid order, yielding between slices: count(*) of a
 * decade's calls in one step held the app for half a second. Each slice starts after the last rowid of
 * the one before, so gaps in the rowids (FTS5 numbers its segments sparsely) cost nothing.
 */
async function countTableInTurns(sqlite: Sqlite, { name, hasRowid }: CountedTable): Promise<number> {
  await nextTurn();
  if (!hasRowid) return countTable(sqlite, name);
  const slice = sqlite.prepare(`SELECT count(*) AS rows, max(rowid) AS last FROM (SELECT rowid FROM ${quoted(name)} WHERE rowid > ? ORDER BY rowid LIMIT ?)`).safeIntegers(true);
  let total = 0;
  // Below every rowid SQLite can store (rowids are 64-bit signed integers).
  let after = -(2n ** 63n);
  for (;;) {
    const { rows, last } = slice.get(after, ROWS_PER_TURN) as { rows: bigint; last: bigint | null };
    total += Number(rows);
    if (rows < BigInt(ROWS_PER_TURN) || last === null) return total;
    after = last;
    await nextTurn();
  }
}

const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

export function sha256OfFile(file: string): string {
  // In chunks: a decade's database is several gigabytes, more than one buffer may hold (2 GiB).
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  const fd = openSync(file, 'r');
  try {
    for (let read = readSync(fd, chunk, 0, chunk.length, null); read > 0; read = readSync(fd, chunk, 0, chunk.length, null)) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * The same hash, read with asynchronous I/O: the daily backup runs inside the app, and hashing
 * gigabytes synchronously froze it (5.8 s for 5.5 GB with the file already cached). Between chunks
 * the event loop serves the screens.
 */
async function sha256OfFileInTurns(file: string): Promise<string> {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(HASH_CHUNK_BYTES);
  const handle = await open(file, 'r');
  try {
    for (let { bytesRead } = await handle.read(chunk, 0, chunk.length, null); bytesRead > 0; { bytesRead } = await handle.read(chunk, 0, chunk.length, null)) {
      hash.update(chunk.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** countRows, yielding to the event loop between tables (a decade's calls take a while to count). */
async function countRowsInTurns(sqlite: Sqlite): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of countedTables(sqlite)) counts[table.name] = await countTableInTurns(sqlite, table);
  return counts;
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A rename is durable only once the folder itself is synced (not possible on Windows, where it is not needed). */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Turn the fresh copy into a single self-contained file (the live database is in WAL mode and the copy
 * inherits that; a backup must not need a -wal beside it), and read what the manifest says about it.
 */
async function sealCopy(tempFile: string): Promise<{ schemaVersion: number; tables: Record<string, number> }> {
  const copy = openPlain(tempFile);
  try {
    copy.pragma('journal_mode = DELETE');
    return { schemaVersion: copy.pragma('user_version', { simple: true }) as number, tables: await countRowsInTurns(copy) };
  } finally {
    copy.close();
  }
}

/**
 * Copy the live database with SQLite's online backup API (consistent even while it is being written)
 * into `dir`, with its manifest. Written under temporary names, synced, then renamed into place
 * (manifest first, data file last): until the last rename the backup does not exist as far as listing
 * and restore are concerned, so a crash at any point leaves at most temp files, which the next start
 * removes.
 */
export async function writeBackup(sqlite: Sqlite, dir: string, request: BackupRequest): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  // Named only once the copy says which schema it holds: nothing here reads through `sqlite` itself,
  // which matters to a restore (see backup-keeper.ts).
  const tempName = `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`;
  const tempData = path.join(dir, `${tempName}.sqlite`);
  const tempManifest = path.join(dir, `${tempName}.json`);
  let manifest: BackupManifest | null = null;
  try {
    await copyWithBackupApi(sqlite, tempData);
    const { schemaVersion, tables } = await sealCopy(tempData);
    fsyncFile(tempData);
    const idsInUse = readdirSync(dir).map((name) => name.replace(/\.(sqlite|json)$/, ''));
    const id = backupIdFor(request.kind, schemaVersion, request.now, idsInUse);
    manifest = {
      format: MANIFEST_FORMAT,
      id,
      kind: request.kind,
      createdAt: request.now.toISOString(),
      localDate: request.localDate ?? request.now.toISOString().slice(0, 10),
      schemaVersion,
      appVersion: request.appVersion ?? APP_VERSION,
      sizeBytes: statSync(tempData).size,
      sha256: await sha256OfFileInTurns(tempData),
      tables,
      createdBy: request.createdBy ?? null,
    };
    writeFileSync(tempManifest, `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncFile(tempManifest);
    renameSync(tempManifest, manifestFileOf(dir, id));
    renameSync(tempData, backupFileOf(dir, id));
  } catch (error) {
    const leftovers = [tempData, `${tempData}-journal`, `${tempData}-wal`, `${tempData}-shm`, tempManifest];
    if (manifest) leftovers.push(manifestFileOf(dir, manifest.id));
    for (const leftover of leftovers) rmSync(leftover, { force: true });
    throw error;
  }
  fsyncDir(dir);
  return manifest;
}

/**
 * The backup written before a migration (src-main/core/db/migrate.ts): same format, named after the
 * schema version it holds. Returns the data file written.
 */
export async function backupDatabase(sqlite: Sqlite, dir: string, _reason: string, now: Date): Promise<string> {
  const manifest = await writeBackup(sqlite, dir, { kind: 'beforeMigration', now });
  return backupFileOf(dir, manifest.id);
}
