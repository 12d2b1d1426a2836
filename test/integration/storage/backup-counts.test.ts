import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, writeBackup } from '../../../src-main/core/db/backup';
import { makeTempDir } from '../../helpers/branch';

/**
 * The backup's manifest counts every table's rows while the app keeps serving (in rowid ranges, a turn
 * of the event loop each). The counts must be the tables' true counts whatever the rowids look like:
 * gaps, negative rowids, more than one range, no rows, tables without rowid, an FTS5 index.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('backup row counts', () => {
  it('count in turns exactly what count(*) counts', async () => {
    const dir = makeTempDir('aftercare-backup-counts-');
    dirs.push(dir);
    const sqlite = new Database(path.join(dir, 'branch.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec(`
      CREATE TABLE wide (id INTEGER PRIMARY KEY, note TEXT);
      CREATE TABLE empty (id INTEGER PRIMARY KEY);
      CREATE TABLE keyed (code TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;
      CREATE VIRTUAL TABLE search USING fts5(text, tokenize = 'trigram');
    `);
    const insert = sqlite.prepare('INSERT INTO wide (id, note) VALUES (?, ?)');
    sqlite.transaction(() => {
      // Ids with holes, and a few below zero.
      for (let id = -5; id <= 350_000; id += id % 7 === 0 ? 3 : 1) if (id !== 0) insert.run(id, `row ${id}`);
      for (let i = 0; i < 10; i++) sqlite.prepare('INSERT INTO keyed VALUES (?, ?)').run(`k${i}`, i);
      for (let i = 0; i < 20; i++) sqlite.prepare('INSERT INTO search (text) VALUES (?)').run(`张伟 ${i}`);
    })();
    sqlite.prepare('DELETE FROM wide WHERE id BETWEEN 120000 AND 230000').run();

    const manifest = await writeBackup(sqlite, path.join(dir, 'backups'), { kind: 'manual', now: new Date('2026-11-24T01:00:00Z') });
    const expected = countRows(sqlite);
    sqlite.close();
    expect(manifest.tables).toEqual(expected);
    // More rows than one slice counts, so the count spans several turns.
    expect(manifest.tables.wide).toBeGreaterThan(150_000);
    expect(manifest.tables.empty).toBe(0);
    expect(manifest.tables.keyed).toBe(10);
    expect(manifest.tables.search_content).toBe(20);
    expect(Object.keys(manifest.tables)).toContain('search_idx');
  });
});
