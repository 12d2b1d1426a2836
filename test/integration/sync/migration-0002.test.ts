import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKysely, openSqlite } from '../../../src-main/core/db/open';
import { migrateToLatest } from '../../../src-main/core/db/migrate';
import { migrateHeadOffice } from '../../../src-headoffice/db/migrate';
import { openHeadOfficeDb } from '../../../src-headoffice/db/open';
import { makeTempDir } from '../../helpers/branch';
import { BACKENDS } from '../headoffice/harness';

describe('migration 0002_sync_outbox', () => {
  it('creates the outbox and the one-row sync state, and the pusher query uses the queued index', async () => {
    const dir = makeTempDir('aftercare-m0002-');
    const sqlite = openSqlite(path.join(dir, 'branch.sqlite'));
    const db = createKysely(sqlite);
    try {
      await migrateToLatest(db, sqlite, { backupDir: path.join(dir, 'backups'), now: new Date('2026-03-02T00:00:00.000Z') });
      expect(await db.selectFrom('sync_state').selectAll().execute()).toEqual([
        { id: 1, head_office_url: null, branch_secret: null, failures: 0, next_attempt_at: null, last_attempt_at: null, last_success_at: null, last_error_at: null, last_error_key: null, last_error_params_json: null },
      ]);
      const columns = (sqlite.prepare('SELECT name FROM pragma_table_info(?)').all('sync_outbox') as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(['id', 'report_key', 'kind', 'report_date', 'technician_code', 'revision', 'content_hash', 'envelope_json', 'created_at', 'attempts', 'next_attempt_at', 'last_attempt_at', 'last_error_key', 'last_error_params_json', 'sent_at', 'sent_result']);
      // A sent row must say how head office answered, and a queued one must not.
      expect(() =>
        sqlite
          .prepare("INSERT INTO sync_outbox (report_key, kind, report_date, revision, content_hash, envelope_json, created_at, next_attempt_at, sent_at) VALUES ('k','technician','2026-03-02',1,'h','{}','t','t','t')")
          .run(),
      ).toThrow(/CHECK/);
      const plan = sqlite
        .prepare("EXPLAIN QUERY PLAN SELECT id FROM sync_outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1")
        .all('2026-03-02T00:00:00.000Z') as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' | ')).toContain('sync_outbox_queued');
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(BACKENDS)('head-office migrations on $name', (backend) => {
  it('apply once and are a no-op the second time', async () => {
    const created = await backend.create();
    const first = openHeadOfficeDb(created.store);
    try {
      // Named, as the app names it: the Migrator would otherwise find other test runs' schemas.
      expect(await migrateHeadOffice(first.db, { schema: first.schema })).toEqual(['0001_head_office']);
      expect(await migrateHeadOffice(first.db, { schema: first.schema })).toEqual([]);
    } finally {
      await first.close();
      await created.drop();
    }
  });
});
