import path from 'node:path';
import type { BackupKind } from '../../../src-shared/contract/backups';
import { localDateOf, type WorkingCalendar } from '../../../src-shared/domain/working-calendar';
import type { Clock } from '../clock';
import { loadCalendar } from '../repos/settings';
import { writeBackup } from './backup';
import { listManifests, type BackupManifest } from './backup-manifest';
import { openPlain } from './backup-online';
import { restoreBackup, type RestoreResult } from './backup-restore';
import { BACKUP_RETENTION, pruneBackups, removeLeftovers } from './backup-rotation';
import { createKysely, type Sqlite } from './open';

/** How often the open app looks whether today's daily backup exists (it is taken at the first look of a new local day). */
export const DAILY_CHECK_INTERVAL_MS = 30 * 60 * 1000;

export interface BackupKeeperOptions {
  sqlite: Sqlite;
  liveFile: string;
  dir: string;
  clock: Clock;
  appVersion?: string;
  retention?: Readonly<Record<BackupKind, number | null>>;
  logError?: (message: string, error: unknown) => void;
}

/**
 * The backups of one open branch: daily, on demand, and restore. Its operations run one at a time (a
 * queue), and none of them uses the app's Kysely handle: `create` and `restore` are called from inside
 * an operation's transaction, which holds that connection until it ends. What they need to read (is the
 * branch set up, its time zone) comes through a short read-only connection of their own.
 *
 * Why a restore runs inside the `backups.restore` operation's transaction rather than beside the
 * dispatcher: that transaction is the one thing that keeps every other operation out (Kysely runs one
 * transaction at a time on the single connection), it is audited and its session handling is the
 * dispatcher's like any other operation. SQLite's `BEGIN` is deferred, and the handler reads nothing
 * before the restore, so the transaction holds no lock and no snapshot while the backup API's own
 * connection rewrites the file; the audit row that follows is written to the restored data, continuing
 * its hash chain. Closing and reopening the connection instead would mean replacing `app.db` and
 * `app.sqlite` under every transport holding them.
 */
export class BackupKeeper {
  readonly dir: string;
  readonly retention: Readonly<Record<BackupKind, number | null>>;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: BackupKeeperOptions) {
    this.dir = options.dir;
    this.retention = options.retention ?? BACKUP_RETENTION;
  }

  /** Complete backups, newest first. */
  list(): BackupManifest[] {
    return listManifests(this.dir);
  }

  /** A backup now (`manual`), then rotation. Safe to call inside an operation's transaction. */
  create(kind: BackupKind, createdBy: string | null): Promise<BackupManifest> {
    return this.#enqueue(async () => {
      const now = this.options.clock.now();
      const { calendar } = await this.#readBranch();
      const manifest = await writeBackup(this.options.sqlite, this.dir, { kind, now, localDate: localDateOf(calendar, now.toISOString()), createdBy, ...this.#version() });
      pruneBackups(this.dir, this.retention);
      return manifest;
    });
  }

  /**
   * Verify backup `id`, save the current data as a `beforeRestore` backup, and copy the backup into the
   * live file. Must be called inside the operation's transaction before it reads anything (see above).
   */
  restore(id: string, createdBy: string): Promise<RestoreResult> {
    return this.#enqueue(async () => {
      const now = this.options.clock.now();
      const { calendar } = await this.#readBranch();
      const result = await restoreBackup({ sqlite: this.options.sqlite, liveFile: this.options.liveFile, dir: this.dir, id, now, localDate: localDateOf(calendar, now.toISOString()), createdBy, ...this.#version() });
      pruneBackups(this.dir, this.retention);
      return result;
    });
  }

  /** Take today's daily backup if the branch is set up and there is none for its local day yet. */
  runDailyCheck(): Promise<BackupManifest | null> {
    return this.#enqueue(async () => {
      const { isSetUp, calendar } = await this.#readBranch();
      if (!isSetUp) return null;
      const now = this.options.clock.now();
      const today = localDateOf(calendar, now.toISOString());
      if (this.list().some((m) => m.kind === 'daily' && m.localDate === today)) return null;
      const manifest = await writeBackup(this.options.sqlite, this.dir, { kind: 'daily', now, localDate: today, ...this.#version() });
      pruneBackups(this.dir, this.retention);
      return manifest;
    });
  }

  /** Clear what an interrupted backup left, take today's backup if missing, and look again every half hour. */
  start(): void {
    if (this.#timer) return;
    const check = () => void this.runDailyCheck().catch((error: unknown) => this.options.logError?.('backups: daily backup failed', error));
    void this.#enqueue(async () => removeLeftovers(this.dir));
    check();
    this.#timer = setInterval(check, DAILY_CHECK_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Stop the timer and wait for a backup in progress. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.whenIdle();
  }

  /** Resolves once everything queued so far has finished (successfully or not). */
  async whenIdle(): Promise<void> {
    await this.#queue.catch(() => undefined);
  }

  /**
   * Whether the branch exists and its calendar (for the local day), read on a connection of its own:
   * the live one may be inside an operation's transaction, where a read would pin a snapshot.
   */
  async #readBranch(): Promise<{ isSetUp: boolean; calendar: WorkingCalendar }> {
    const db = createKysely(openPlain(this.options.liveFile, { readonly: true }));
    try {
      const branch = await db.selectFrom('branch').select('id').executeTakeFirst();
      return { isSetUp: branch !== undefined, calendar: await loadCalendar(db) };
    } finally {
      await db.destroy();
    }
  }

  #version(): { appVersion?: string } {
    return this.options.appVersion ? { appVersion: this.options.appVersion } : {};
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.catch(() => undefined).then(work);
    this.#queue = run;
    return run;
  }
}

export const backupsFolderOf = (dataDir: string) => path.join(dataDir, 'backups');
