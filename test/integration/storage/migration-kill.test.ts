import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { branchMigrations } from '../../../migrations';
import { openBranchApp } from '../../../src-main/core/branch-app';
import { fixedClock } from '../../../src-main/core/clock';
import { verifyBackup } from '../../../src-main/core/db/backup-restore';
import { LATEST_SCHEMA_VERSION } from '../../../src-main/core/db/migrate';
import type { Sqlite } from '../../../src-main/core/db/open';
import { makeTempDir } from '../../helpers/branch';
import { runAndKill, timeBetween } from './child-process';
import { dataDirWithFixture, fixtureFile, peek, projectedSnapshot, removeDir, schemaOf, tableColumns } from './storage-helpers';

/**
 * kill -9 during a migration: a child opens a database of an older schema version (a fixture), which
 * writes a backup and then migrates it in one transaction, and is killed at a moment spread across that
 * work: in even rounds at a time after it starts opening, in odd rounds just after the pre-migration
 * backup is in place, when the migration transaction runs (found by watching the backups folder, so the
 * machine's load does not move the aim). Afterwards the file holds either the old schema or the new one, whole: user_version, the tables,
 * indexes and triggers, and the migrator's bookkeeping agree, every pre-existing row is there, and the
 * app opens it (migrating it if it is still old). MIGRATION_KILL_ROUNDS sets the count.
 */
const ROUNDS = Number(process.env.MIGRATION_KILL_ROUNDS ?? 8);
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const CHILD = 'test/integration/storage/migration-child.ts';
const names = Object.keys(branchMigrations).sort();
const oldVersions = Array.from({ length: LATEST_SCHEMA_VERSION - 1 }, (_, i) => i + 1);
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

async function latestSchema(): Promise<string[]> {
  const dir = makeTempDir();
  dirs.push(dir);
  const app = await openBranchApp({ dataDir: dir, clock: fixedClock(new Date('2026-11-24T01:00:00.000Z')), passwordCost: CHEAP });
  const schema = schemaOf(app.sqlite);
  await app.close();
  return schema;
}

interface RoundResult {
  outcome: 'old' | 'new';
  killedBeforeDone: boolean;
  rowsChecked: number;
}

/** One round: a copy of fixture `version`, a child opening it, a kill; then the file is checked and opened. */
async function killOneMigration(round: number, version: number, windowMs: number, newSchema: string[]): Promise<RoundResult> {
  const dataDir = dataDirWithFixture(version, 'aftercare-migkill-');
  try {
    // Even rounds: spread over 0..1.5x the window. Odd rounds: 0..8 ms after the backup appeared.
    const backups = path.join(dataDir, 'backups');
    const backupInPlace = () => existsSync(backups) && readdirSync(backups).some((n) => n.endsWith('.sqlite') && !n.startsWith('.tmp-'));
    const run =
      round % 2 === 0
        ? await runAndKill(CHILD, [dataDir], 'OPENING', ((round / 2 + Math.random()) / Math.ceil(ROUNDS / 2)) * windowMs * 1.5)
        : await runAndKill(CHILD, [dataDir], 'OPENING', Math.random() * 8, backupInPlace);

    const columns = peek(fixtureFile(version), tableColumns);
    delete columns.kysely_migration;
    const expected = peek(fixtureFile(version), (sqlite) => projectedSnapshot(sqlite, columns));
    // A plain read-write open, as the app's would be: SQLite rolls back or recovers what the kill left.
    const look = (sqlite: Sqlite) => ({
      version: sqlite.pragma('user_version', { simple: true }) as number,
      schema: schemaOf(sqlite),
      applied: (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name),
      rows: projectedSnapshot(sqlite, columns),
      check: sqlite.pragma('integrity_check', { simple: true }),
    });
    const state = peek(path.join(dataDir, 'branch.sqlite'), look, false);
    expect(state.check, `round ${round}`).toBe('ok');
    expect([version, LATEST_SCHEMA_VERSION], `round ${round}: user_version`).toContain(state.version);
    expect(state.schema, `round ${round}: schema of v${state.version}`).toEqual(state.version === version ? peek(fixtureFile(version), schemaOf) : newSchema);
    expect(state.applied, `round ${round}: migrations recorded`).toEqual(names.slice(0, state.version));
    expect(state.rows, `round ${round}: rows`).toEqual(expected);

    // And the app opens it: migrating what is still old, clearing what an interrupted backup left.
    const app = await openBranchApp({ dataDir, clock: fixedClock(new Date('2026-11-24T01:00:00.000Z')), passwordCost: CHEAP });
    try {
      expect(app.sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(projectedSnapshot(app.sqlite, columns)).toEqual(expected);
      app.startBackups();
      await app.backups.whenIdle();
      expect(readdirSync(app.backups.dir).filter((n) => n.startsWith('.tmp-')), `round ${round}: leftovers`).toEqual([]);
      for (const backup of app.backups.list()) verifyBackup(app.backups.dir, backup.id);
    } finally {
      await app.close();
    }
    return {
      outcome: state.version === version ? 'old' : 'new',
      killedBeforeDone: !run.lines.includes('MIGRATED'),
      rowsChecked: Object.values(expected).reduce((sum, t) => sum + t.rows, 0),
    };
  } finally {
    removeDir(dataDir);
  }
}

describe('kill -9 during a migration', () => {
  it(`leaves the old schema or the new one, never a mix, and the file opens (${ROUNDS} rounds)`, async () => {
    const newSchema = await latestSchema();
    // How long opening takes from OPENING to MIGRATED here (backup + migration): the timed kills are spread over it.
    const calibrationDir = dataDirWithFixture(1);
    dirs.push(calibrationDir);
    const windowMs = Math.max(5, await timeBetween(CHILD, [calibrationDir], 'OPENING', 'MIGRATED'));

    const outcomes = { old: 0, new: 0, killedBeforeDone: 0 };
    let rowsChecked = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const result = await killOneMigration(round, oldVersions[round % oldVersions.length]!, windowMs, newSchema);
      outcomes[result.outcome]++;
      if (result.killedBeforeDone) outcomes.killedBeforeDone++;
      rowsChecked += result.rowsChecked;
    }
    console.log(
      `migration kill: ${ROUNDS} rounds over a ${windowMs.toFixed(0)} ms window, ${outcomes.killedBeforeDone} killed before the migration returned; ` +
        `${outcomes.old} left at the old schema, ${outcomes.new} at the new, 0 mixed; ${rowsChecked} rows checked, lost = 0`,
    );
    expect(outcomes.old + outcomes.new).toBe(ROUNDS);
    expect(outcomes.killedBeforeDone).toBeGreaterThan(0);
  }, ROUNDS * 20_000);
});
