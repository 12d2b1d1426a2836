import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { systemClock, type Clock } from './clock';
import { BackupKeeper, backupsFolderOf } from './db/backup-keeper';
import { useNativeBinding } from './db/backup-online';
import { createKysely, openSqlite, type Sqlite } from './db/open';
import { checkDatabaseFile } from './db/integrity';
import { migrateToLatest, type MigrationOutcome } from './db/migrate';
import { acquireWriterLock } from './db/writer-lock';
import type { DB } from './db/schema';
import { createDispatcher, type Dispatch } from './dispatch';
import { handlers } from './handlers';
import { OWASP_SCRYPT, type ScryptCost } from './password';
import { DEFAULT_IDLE_LOCK_MS, SessionStore } from './sessions';
import { createSyncPusher, type SyncPusher } from './sync';

export interface BranchAppOptions {
  /** Folder holding `branch.sqlite` and its `backups/`. */
  dataDir: string;
  clock?: Clock;
  passwordCost?: ScryptCost;
  idleLockMs?: number;
  /** better-sqlite3 binary for another runtime (Electron). */
  nativeBinding?: string;
  /** Written into backup manifests (the Electron rim passes app.getVersion(); default: package.json). */
  appVersion?: string;
  logError?: (message: string, error: unknown) => void;
}

/** One open branch: its database, the single dispatch door and the sessions signed in to it. */
export interface BranchApp {
  readonly file: string;
  readonly sqlite: Sqlite;
  readonly db: Kysely<DB>;
  readonly dispatch: Dispatch;
  readonly sessions: SessionStore;
  readonly migration: MigrationOutcome;
  readonly backups: BackupKeeper;
  /** Start pushing signed reports to head office on a timer (the app and browser mode; not tests). */
  startSync(): void;
  /** Take today's backup if it is missing, then one per local day on a timer (the app and browser mode; not tests). */
  startBackups(): void;
  close(): Promise<void>;
}

export const DATABASE_FILE_NAME = 'branch.sqlite';

/** Open (creating if needed) the branch database in `dataDir`, migrate it, and build the dispatcher. */
export async function openBranchApp(options: BranchAppOptions): Promise<BranchApp> {
  const clock = options.clock ?? systemClock;
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DATABASE_FILE_NAME);
  const releaseLock = acquireWriterLock(file);
  // Before anything opens a side connection: the copy made before a migration is one.
  if (options.nativeBinding) useNativeBinding(options.nativeBinding);
  let sqlite: Sqlite;
  try {
    checkDatabaseFile(file, options.nativeBinding);
    sqlite = openSqlite(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = createKysely(sqlite);
  let migration: MigrationOutcome;
  try {
    migration = await migrateToLatest(db, sqlite, { backupDir: backupsFolderOf(options.dataDir), now: clock.now() });
  } catch (error) {
    await db.destroy();
    releaseLock();
    throw error;
  }
  const sessions = new SessionStore(options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS);
  const logError = options.logError ?? (() => undefined);
  let pusher: SyncPusher | null = null;
  const sendReportsNow = () => void pusher?.sendNow().catch((error: unknown) => logError('sync: send now failed', error));
  const backups = new BackupKeeper({
    sqlite,
    liveFile: file,
    dir: backupsFolderOf(options.dataDir),
    clock,
    logError,
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
  });
  const dispatch = createDispatcher({
    db,
    sessions,
    clock,
    config: { passwordCost: options.passwordCost ?? OWASP_SCRYPT, sendReportsNow, backups },
    handlers,
    ...(options.logError ? { logError: options.logError } : {}),
  });
  return {
    file,
    sqlite,
    db,
    dispatch,
    sessions,
    migration,
    backups,
    startSync() {
      pusher ??= createSyncPusher({ db, clock, fetch: (url, init) => fetch(url, init), random: Math.random, logError });
      pusher.start();
    },
    startBackups() {
      backups.start();
    },
    async close() {
      await pusher?.stop();
      await backups.stop();
      await db.destroy();
      releaseLock();
    },
  };
}
