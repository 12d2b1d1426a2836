import { z } from 'zod';
import { defineMethod } from './define';
import { empty } from './common';

/**
 * Why a backup was taken. `daily`: the automatic one per local day; `manual`: 'back up now';
 * `beforeMigration`: written before a new Aftercare changes the schema; `beforeRestore`: the data as it
 * was just before a restore replaced it, so a restore never loses anything.
 */
export const BACKUP_KINDS = ['daily', 'manual', 'beforeMigration', 'beforeRestore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** One complete backup in `<data folder>/backups/`, as its manifest describes it. */
export interface BackupView {
  /** The file name without `.sqlite`, e.g. `branch-daily-2026-11-23T01-00-00-000Z`. */
  id: string;
  kind: BackupKind;
  /** UTC instant the copy was taken. */
  createdAt: string;
  /** The branch's local day it belongs to (`yyyy-MM-dd`), for the one-a-day rule. */
  localDate: string;
  schemaVersion: number;
  appVersion: string;
  sizeBytes: number;
  sha256: string;
  /** Rows per table at the moment of the copy. */
  tables: Record<string, number>;
  /** Who asked for it (manual backups and restores); null for automatic ones. */
  createdBy: string | null;
}

export interface BackupListView {
  /** Newest first. */
  backups: BackupView[];
  /** Absolute path of the backups folder, so an administrator can copy it to another disk. */
  folder: string;
  /** How many of each kind are kept; older ones are deleted (null: all are kept). */
  retention: Record<BackupKind, number | null>;
}

export interface RestoreOutcome {
  restored: BackupView;
  /** The copy of the data as it was just before the restore. */
  safetyBackup: BackupView;
  /** Everyone was signed out: the users and roles are now those of the backup. */
  signedOut: true;
}

/** File names the app writes: never a path, so an id can only name a file inside the backups folder. */
export const backupId = z
  .string({ error: 'validation.required' })
  .regex(/^branch-[A-Za-z0-9-]{1,90}$/, { error: 'validation.backupId' });

export const backupMethods = {
  /** The backups in the branch's backups folder (备份), newest first. */
  'backups.list': defineMethod<BackupListView>()({ input: empty, access: 'backups.manage', kind: 'query' }),
  /** 'Back up now': an online copy of the live database with its manifest; older manual copies rotate out. */
  'backups.create': defineMethod<BackupView>()({ input: empty, access: 'backups.manage', kind: 'command' }),
  /**
   * Replace the branch's data with a backup. The backup's SHA-256 and `integrity_check` are verified
   * first (BACKUP_DAMAGED otherwise, nothing changed); the current data is backed up before it is
   * replaced; everyone is signed out afterwards. Errors: NOT_FOUND, BACKUP_DAMAGED, STORAGE_FULL.
   */
  'backups.restore': defineMethod<RestoreOutcome>()({ input: z.object({ id: backupId }).strict(), access: 'backups.manage', kind: 'command' }),
} as const;
