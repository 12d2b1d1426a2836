import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BackupKind } from '../../../src-shared/contract/backups';
import { backupFileOf, listManifests, manifestFileOf, sameInstantSequence, TEMP_PREFIX, type BackupManifest } from './backup-manifest';

/**
 * How many backups of each kind are kept (null: every one). Two weeks of daily copies; the copies
 * taken before a migration are the only way back to an older Aftercare, so they are never deleted.
 */
export const BACKUP_RETENTION: Readonly<Record<BackupKind, number | null>> = Object.freeze({
  daily: 14,
  manual: 10,
  beforeRestore: 10,
  beforeMigration: null,
});

/** The backups rotation would delete: per kind, all but the newest `retention[kind]`. */
export function backupsToPrune(manifests: readonly BackupManifest[], retention: Readonly<Record<BackupKind, number | null>> = BACKUP_RETENTION): BackupManifest[] {
  const newestFirst = [...manifests].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || sameInstantSequence(b.id) - sameInstantSequence(a.id));
  const seen = new Map<BackupKind, number>();
  return newestFirst.filter((m) => {
    const keep = retention[m.kind];
    const n = (seen.get(m.kind) ?? 0) + 1;
    seen.set(m.kind, n);
    return keep !== null && n > keep;
  });
}

/** Delete what rotation does not keep: the data file first, so a half-deleted backup is never listed. */
export function pruneBackups(dir: string, retention: Readonly<Record<BackupKind, number | null>> = BACKUP_RETENTION): string[] {
  const doomed = backupsToPrune(listManifests(dir), retention);
  for (const m of doomed) {
    rmSync(backupFileOf(dir, m.id), { force: true });
    rmSync(manifestFileOf(dir, m.id), { force: true });
  }
  return doomed.map((m) => m.id);
}

/**
 * Remove what an interrupted backup or restore left behind: temp files (only this process writes the
 * folder, and it holds the database's writer lock, so none of them is in use), and a manifest whose
 * data file never got its final name.
 */
export function removeLeftovers(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const isOrphanManifest = /^branch-.*\.json$/.test(name) && !names.includes(`${name.slice(0, -'.json'.length)}.sqlite`);
    if (name.startsWith(TEMP_PREFIX) || isOrphanManifest) {
      rmSync(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}
