import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { apiError, type ApiError } from '../../src-shared/contract/errors';
import { systemClock, type Clock } from './clock';
import { BackupKeeper, backupsFolderOf } from './db/backup-keeper';
import { useNativeBinding } from './db/backup-online';
import { createKysely, openSqlite, type Sqlite } from './db/open';
import { checkDatabaseFile, mayCheckWhileOpen } from './db/integrity';
import { checkedBeforeOpening, guardWhileChecking, type GuardOptions, type IntegrityGuard, type IntegrityVerdict } from './db/integrity-guard';
import { LATEST_SCHEMA_VERSION, migrateToLatest, SchemaTooNewError, type MigrationOutcome } from './db/migrate';
import { acquireWriterLock } from './db/writer-lock';
import type { DB } from './db/schema';
import { createDispatcher, type Dispatch, type WriteGate } from './dispatch';
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
  /** How a large file's background check is started (tests hold it to act while it runs). */
  startCheck?: GuardOptions['startCheck'];
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
  /**
   * The quick check's verdict (never rejects). A large file is opened at once and checked in the
   * background: until this says 'passed', nothing is written (operations that write wait, the timers
   * below wait). 'damaged': nothing will be; the transport reports it as it reports a damaged file at open.
   */
  readonly integrity: Promise<IntegrityVerdict>;
  /** Start pushing signed reports to head office on a timer, once the quick check has passed (the app and browser mode; not tests). */
  startSync(): void;
  /** Once the quick check has passed: today's backup if it is missing, then one per local day on a timer (the app and browser mode; not tests). */
  startBackups(): void;
  close(): Promise<void>;
}

export const DATABASE_FILE_NAME = 'branch.sqlite';

/** What an operation that would write gets once the check has found the file damaged (or the app is closing). */
function refusalFor(verdict: IntegrityVerdict): ApiError | null {
  if (verdict.state === 'passed') return null;
  return verdict.state === 'damaged' ? apiError('INTERNAL', { reasonKey: 'reasons.databaseDamaged' }) : apiError('INTERNAL');
}

function writeGateOf(guard: IntegrityGuard): WriteGate {
  return { isOpen: () => guard.hasPassed(), wait: () => guard.verdict.then(refusalFor) };
}

/**
 * Open the file and decide how it is checked. A new file needs no check. A large file in WAL mode with
 * an empty WAL is opened at once and checked on a worker thread while reads are served (see
 * mayCheckWhileOpen for why opening it writes nothing). Any other file, and any file a migration is
 * about to change, is checked before anything writes to it, as start-up always did.
 */
function openChecked(file: string, nativeBinding: string | undefined, logError: (message: string, error: unknown) => void, startCheck: GuardOptions['startCheck']): { sqlite: Sqlite; guard: IntegrityGuard } {
  const binding = nativeBinding ? { nativeBinding } : {};
  const started = performance.now();
  if (!mayCheckWhileOpen(file)) {
    checkDatabaseFile(file, nativeBinding);
    return { sqlite: openSqlite(file, binding), guard: checkedBeforeOpening(performance.now() - started) };
  }
  let sqlite: Sqlite;
  try {
    sqlite = openSqlite(file, binding);
  } catch (error) {
    // A header SQLite cannot read is damage: say so as the check would.
    if (!(error instanceof SchemaTooNewError)) checkDatabaseFile(file, nativeBinding);
    throw error;
  }
  if ((sqlite.pragma('user_version', { simple: true }) as number) < LATEST_SCHEMA_VERSION) {
    try {
      checkDatabaseFile(file, nativeBinding);
    } catch (error) {
      sqlite.close();
      throw error;
    }
    return { sqlite, guard: checkedBeforeOpening(performance.now() - started) };
  }
  return { sqlite, guard: guardWhileChecking({ sqlite, file, nativeBinding, logError, startCheck }) };
}

/** Open (creating if needed) the branch database in `dataDir`, migrate it, and build the dispatcher. */
export async function openBranchApp(options: BranchAppOptions): Promise<BranchApp> {
  const clock = options.clock ?? systemClock;
  const logError = options.logError ?? (() => undefined);
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, DATABASE_FILE_NAME);
  const releaseLock = acquireWriterLock(file);
  // Before anything opens a side connection: the copy made before a migration is one.
  if (options.nativeBinding) useNativeBinding(options.nativeBinding);
  let sqlite: Sqlite;
  let guard: IntegrityGuard;
  try {
    ({ sqlite, guard } = existsSync(file) ? openChecked(file, options.nativeBinding, logError, options.startCheck) : { sqlite: openSqlite(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}), guard: checkedBeforeOpening(0) });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = createKysely(sqlite);
  let migration: MigrationOutcome;
  try {
    // Nothing to migrate while a check runs (openChecked checks first otherwise): this only reads the version.
    migration = await migrateToLatest(db, sqlite, { backupDir: backupsFolderOf(options.dataDir), now: clock.now() });
  } catch (error) {
    guard.stop();
    await db.destroy();
    releaseLock();
    throw error;
  }
  const sessions = new SessionStore(options.idleLockMs ?? DEFAULT_IDLE_LOCK_MS);
  let closed = false;
  /** Runs `start` now if the check has passed, else once it has, unless the app closed first. */
  const oncePassed = (start: () => void) => {
    if (guard.hasPassed()) return start();
    void guard.verdict.then((verdict) => {
      if (verdict.state === 'passed' && !closed) start();
    });
  };
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
    writeGate: writeGateOf(guard),
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
    integrity: guard.verdict,
    startSync() {
      oncePassed(() => {
        pusher ??= createSyncPusher({ db, clock, fetch: (url, init) => fetch(url, init), random: Math.random, logError });
        pusher.start();
      });
    },
    startBackups() {
      oncePassed(() => backups.start());
    },
    async close() {
      closed = true;
      // Sign-ins answered during the check hold their rows until it passes: wait for its verdict rather
      // than drop them. It costs nothing: the check's thread cannot be interrupted, and the process
      // waits for it to end anyway.
      if (sessions.heldSignIns.hasRecords()) await guard.verdict;
      guard.stop();
      // Sign-in records being written now that the check has passed finish first (dispatch.ts).
      await sessions.heldSignIns.whenSettled();
      await pusher?.stop();
      await backups.stop();
      await db.destroy();
      releaseLock();
    },
  };
}
