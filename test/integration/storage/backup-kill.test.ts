import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openBranchApp } from '../../../src-main/core/branch-app';
import { systemClock } from '../../../src-main/core/clock';
import { backupsFolderOf } from '../../../src-main/core/db/backup-keeper';
import { listManifests } from '../../../src-main/core/db/backup-manifest';
import { verifyBackup } from '../../../src-main/core/db/backup-restore';
import { runAndKill } from './child-process';
import { dataDirWithFixture, removeDir } from './storage-helpers';

/**
 * kill -9 while backups are being written: a child takes backups back to back and acknowledges each
 * once it is in place; the parent kills it at a random moment. Every backup that is listed is whole
 * (size, SHA-256, integrity_check and counts against its manifest), every acknowledged one that rotation
 * kept is listed, and what the kill cut short is only temp files, which the next start removes. Rounds
 * share one folder, so any damage would pile up. BACKUP_KILL_ROUNDS sets the count.
 */
const ROUNDS = Number(process.env.BACKUP_KILL_ROUNDS ?? 6);
const MANUAL_KEPT = 10;
const dataDir = dataDirWithFixture(5, 'aftercare-backupkill-');
const dir = backupsFolderOf(dataDir);
afterAll(() => removeDir(dataDir));

describe('kill -9 during backups', () => {
  it(`never leaves a half-written backup that looks complete (${ROUNDS} rounds)`, async () => {
    let acknowledged = 0;
    let verified = 0;
    let cutShort = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const run = await runAndKill('test/integration/storage/backup-child.ts', [dataDir], 'READY', 20 + Math.random() * 400);
      const acks = run.lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4));
      acknowledged += acks.length;
      if (readdirSync(dir).some((n) => n.startsWith('.tmp-'))) cutShort++;

      const listed = listManifests(dir);
      for (const manifest of listed) {
        verifyBackup(dir, manifest.id);
        verified++;
      }
      // Rotation keeps the newest ten; one newer, unacknowledged backup may have pushed out the tenth.
      const ids = new Set(listed.map((m) => m.id));
      for (const id of acks.slice(-(MANUAL_KEPT - 1))) expect(ids.has(id), `round ${round}: ${id} acknowledged`).toBe(true);
      // Apart from temp files, the folder holds complete pairs only — and, when the kill came while
      // rotation deleted a backup (its data file first, so it is never listed half-deleted), that
      // backup's manifest alone, which the next start removes.
      const onDisk = readdirSync(dir);
      const orphanManifest = (n: string) => n.endsWith('.json') && !onDisk.includes(`${n.slice(0, -'.json'.length)}.sqlite`);
      const names = onDisk.filter((n) => !n.startsWith('.tmp-') && !orphanManifest(n));
      expect(names.sort(), `round ${round}`).toEqual(listed.flatMap((m) => [`${m.id}.json`, `${m.id}.sqlite`]).sort());
    }

    const app = await openBranchApp({ dataDir, clock: systemClock, passwordCost: { N: 2 ** 10, r: 8, p: 1 } });
    try {
      app.startBackups();
      await app.backups.whenIdle();
      expect(readdirSync(dir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
      const left = readdirSync(dir);
      expect(left.filter((n) => n.endsWith('.json') && !left.includes(`${n.slice(0, -'.json'.length)}.sqlite`))).toEqual([]);
      expect(app.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await app.close();
    }
    console.log(`backup kill: ${ROUNDS} rounds, ${acknowledged} backups acknowledged, ${cutShort} rounds killed mid-backup, ${verified} listed backups verified whole, 0 half-written listed; lost = 0`);
    expect(acknowledged).toBeGreaterThan(0);
  }, ROUNDS * 20_000);
});
