import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBranchApp, type BranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';
import { backupsToPrune } from '../../../src-main/core/db/backup-rotation';
import { verifyBackup } from '../../../src-main/core/db/backup-restore';
import type { BackupManifest } from '../../../src-main/core/db/backup-manifest';
import { makeTempDir } from '../../helpers/branch';
import { dataDirWithFixture, removeDir } from './storage-helpers';

/**
 * The automatic daily backup: one per local day of the branch (Asia/Shanghai for the demo branch),
 * taken when the app opens without today's and on its timer; rotation keeps the last 14 daily and 10
 * manual ones and every copy taken before a migration.
 */
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A demo branch from the v4 fixture: opening it migrates, which leaves one `beforeMigration` backup. */
async function openFromFixture(start: string): Promise<{ app: BranchApp; clock: ReturnType<typeof fixedClock>; dataDir: string }> {
  const dataDir = dataDirWithFixture(4);
  const clock = fixedClock(new Date(start));
  const app = await openBranchApp({ dataDir, clock, passwordCost: CHEAP });
  cleanups.push(() => removeDir(dataDir));
  cleanups.push(() => app.close());
  return { app, clock, dataDir };
}

const filesOnDisk = (app: BranchApp) => readdirSync(app.backups.dir).sort();
const filesOf = (manifests: BackupManifest[]) => manifests.flatMap((m) => [`${m.id}.json`, `${m.id}.sqlite`]).sort();

describe('the daily backup', () => {
  it('is taken once per local day: not twice the same day, again after local midnight', async () => {
    // 2026-11-23 23:30 in Shanghai is 15:30 UTC; midnight there is 16:00 UTC.
    const { app, clock } = await openFromFixture('2026-11-23T15:30:00.000Z');
    const first = await app.backups.runDailyCheck();
    expect(first).toMatchObject({ kind: 'daily', localDate: '2026-11-23', createdBy: null });
    clock.set(new Date('2026-11-23T15:59:59.000Z'));
    expect(await app.backups.runDailyCheck()).toBeNull();
    clock.set(new Date('2026-11-23T16:00:01.000Z'));
    expect(await app.backups.runDailyCheck()).toMatchObject({ kind: 'daily', localDate: '2026-11-24' });
    expect(await app.backups.runDailyCheck()).toBeNull();
    expect(app.backups.list().filter((m) => m.kind === 'daily').map((m) => m.localDate)).toEqual(['2026-11-24', '2026-11-23']);
  });

  it('is taken when the app starts without today\'s, and not before the branch is set up', async () => {
    const { app } = await openFromFixture('2026-11-24T01:00:00.000Z');
    app.startBackups();
    await app.backups.whenIdle();
    expect(app.backups.list().map((m) => m.kind).sort()).toEqual(['beforeMigration', 'daily']);

    const emptyDir = makeTempDir();
    cleanups.push(() => removeDir(emptyDir));
    const fresh = await openBranchApp({ dataDir: emptyDir, clock: fixedClock(new Date('2026-11-24T01:00:00.000Z')), passwordCost: CHEAP });
    cleanups.push(() => fresh.close());
    fresh.startBackups();
    await fresh.backups.whenIdle();
    expect(existsSync(fresh.backups.dir)).toBe(false);
  });
});

describe('rotation', () => {
  it('keeps the last 14 daily and 10 manual backups and every pre-migration one, and deletes both files of the others', async () => {
    const { app, clock } = await openFromFixture('2026-11-01T02:00:00.000Z');
    const days: string[] = [];
    for (let day = 0; day < 20; day++) {
      clock.set(new Date(Date.UTC(2026, 10, 1 + day, 2)));
      const taken = await app.backups.runDailyCheck();
      days.push(taken!.localDate);
      // A second look the same day takes nothing.
      clock.advanceMs(6 * 3_600_000);
      expect(await app.backups.runDailyCheck()).toBeNull();
    }
    for (let i = 0; i < 12; i++) {
      clock.advanceMs(60_000);
      await app.backups.create('manual', 'admin');
    }
    const kept = app.backups.list();
    expect(kept.filter((m) => m.kind === 'daily').map((m) => m.localDate)).toEqual(days.slice(-14).reverse());
    expect(kept.filter((m) => m.kind === 'manual')).toHaveLength(10);
    expect(kept.filter((m) => m.kind === 'beforeMigration')).toHaveLength(1);
    // Exactly the kept backups are on disk, each whole.
    expect(filesOnDisk(app)).toEqual(filesOf(kept));
    for (const m of kept) expect(verifyBackup(app.backups.dir, m.id).sha256).toBe(m.sha256);
    console.log(`rotation: ${days.length} daily + 12 manual taken, ${kept.length} kept and verified, ${days.length + 12 + 1 - kept.length} deleted`);
  });

  it('keeps the newest of many backups taken in the same millisecond (a frozen clock)', async () => {
    const { app } = await openFromFixture('2026-11-01T02:00:00.000Z');
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) ids.push((await app.backups.create('manual', 'admin')).id);
    // Suffixes only grow: -2 … -13 after the plain one, never a freed lower one again.
    expect(ids.slice(1).map((id) => Number(/-(\d+)$/.exec(id)![1]))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(app.backups.list().filter((m) => m.kind === 'manual').map((m) => m.id)).toEqual(ids.slice(-10).reverse());
    const next = await app.backups.create('manual', 'admin');
    expect(next.id).toMatch(/-14$/);
    expect(app.backups.list().filter((m) => m.kind === 'manual')[0]!.id).toBe(next.id);
  });

  it('chooses by kind and age alone', () => {
    const m = (id: string, kind: BackupManifest['kind'], createdAt: string) => ({ id, kind, createdAt }) as BackupManifest;
    const all = [m('d1', 'daily', '2026-01-01T00:00:00.000Z'), m('d2', 'daily', '2026-01-02T00:00:00.000Z'), m('d3', 'daily', '2026-01-03T00:00:00.000Z'), m('x', 'beforeMigration', '2020-01-01T00:00:00.000Z'), m('r1', 'beforeRestore', '2026-01-01T00:00:00.000Z')];
    const retention = { daily: 2, manual: 1, beforeRestore: 0, beforeMigration: null };
    expect(backupsToPrune(all, retention).map((b) => b.id).sort()).toEqual(['d1', 'r1']);
  });
});

describe('what an interrupted backup leaves', () => {
  it('is removed at start; files that are not ours, or a copy without manifest from an older version, are left alone', async () => {
    const { app } = await openFromFixture('2026-11-24T01:00:00.000Z');
    const dir = app.backups.dir;
    const planted = {
      temp: '.tmp-0123456789ab.sqlite',
      tempManifest: '.tmp-0123456789ab.json',
      stagingDir: '.tmp-restore-0123456789ab',
      orphanManifest: 'branch-daily-2026-11-20T01-00-00-000Z.json',
      legacy: 'branch-before-migration-v1-2025-01-01T00-00-00-000Z.sqlite',
      notOurs: 'notes.txt',
    };
    // The folder exists already: the migration's backup is in it.
    for (const [key, name] of Object.entries(planted)) {
      if (key === 'stagingDir') mkdirSync(path.join(dir, name));
      else writeFileSync(path.join(dir, name), 'x');
    }
    app.startBackups();
    await app.backups.whenIdle();
    const left = filesOnDisk(app);
    for (const gone of [planted.temp, planted.tempManifest, planted.stagingDir, planted.orphanManifest]) expect(left).not.toContain(gone);
    for (const kept of [planted.legacy, planted.notOurs]) expect(left).toContain(kept);
    expect(app.backups.list().map((m) => m.kind).sort()).toEqual(['beforeMigration', 'daily']);
  });
});
