import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_KINDS, type BackupKind, type BackupView } from '../../../src-shared/contract/backups';

/**
 * A backup is two files in `<dataDir>/backups/`: `<id>.sqlite`, a self-contained SQLite file
 * (rollback-journal mode, no -wal beside it), and `<id>.json`, its manifest. Both are written under a
 * temporary name and renamed into place, the manifest first: a backup counts as complete only when both
 * final names exist, so a crash half-way leaves nothing that looks like a backup.
 */
export const MANIFEST_FORMAT = 1;

/** Temp files start with this; nothing else in the folder does. */
export const TEMP_PREFIX = '.tmp-';

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  id: z.string().regex(/^branch-[A-Za-z0-9-]{1,90}$/),
  kind: z.enum(BACKUP_KINDS),
  createdAt: z.iso.datetime(),
  localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  schemaVersion: z.number().int().min(0),
  appVersion: z.string().max(40),
  sizeBytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  tables: z.record(z.string(), z.number().int().min(0)),
  createdBy: z.string().max(40).nullable(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/** `before-migration-v3`: the kind as it appears in file names (kebab-case, like the rest of the name). */
function fileKind(kind: BackupKind, schemaVersion: number): string {
  switch (kind) {
    case 'beforeMigration':
      return `before-migration-v${schemaVersion}`;
    case 'beforeRestore':
      return 'before-restore';
    default:
      return kind;
  }
}

/** 1 for `…-000Z`, N for `…-000Z-N`: the order of backups taken in the same millisecond. */
export function sameInstantSequence(id: string): number {
  const match = /Z-(\d+)$/.exec(id);
  return match ? Number(match[1]) : 1;
}

/**
 * `branch-daily-2026-11-23T01-00-00-000Z`; a suffix keeps backups taken in the same millisecond apart.
 * The suffix only grows (one past the highest in use, never a freed lower one), so a later backup
 * always sorts after an earlier one and rotation never mistakes the newest for the oldest.
 */
export function backupIdFor(kind: BackupKind, schemaVersion: number, at: Date, idsInUse: readonly string[]): string {
  const base = `branch-${fileKind(kind, schemaVersion)}-${at.toISOString().replace(/[:.]/g, '-')}`;
  const same = idsInUse.filter((id) => id === base || (id.startsWith(`${base}-`) && /^\d+$/.test(id.slice(base.length + 1))));
  if (same.length === 0) return base;
  return `${base}-${Math.max(...same.map(sameInstantSequence)) + 1}`;
}

export const backupFileOf = (dir: string, id: string) => path.join(dir, `${id}.sqlite`);
export const manifestFileOf = (dir: string, id: string) => path.join(dir, `${id}.json`);

/** The manifest of `id`, or null when it is missing or not one of ours (a damaged manifest is no backup). */
export function readManifest(dir: string, id: string): BackupManifest | null {
  const file = manifestFileOf(dir, id);
  if (!existsSync(file)) return null;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Every complete backup in `dir`, newest first. A `.sqlite` without a manifest (a copy from before
 * manifests existed, or one a crash cut short) is not listed and not touched.
 */
export function listManifests(dir: string): BackupManifest[] {
  if (!existsSync(dir)) return [];
  const manifests: BackupManifest[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(TEMP_PREFIX) || !name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    const manifest = readManifest(dir, id);
    if (manifest && existsSync(backupFileOf(dir, id))) manifests.push(manifest);
  }
  return manifests.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || sameInstantSequence(b.id) - sameInstantSequence(a.id));
}

export function toBackupView(manifest: BackupManifest): BackupView {
  const { format: _format, ...view } = manifest;
  return view;
}
