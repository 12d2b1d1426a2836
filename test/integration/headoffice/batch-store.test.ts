import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresBatchStore } from '../../../src-headoffice/ingest/postgres-batch';
import type { BatchStore, StoreOutcome } from '../../../src-headoffice/ingest/report-writer';
import { createSqliteBatchStore } from '../../../src-headoffice/ingest/sqlite-batch';
import type { StoreInput } from '../../../src-headoffice/ingest/store-report';
import { Refusal } from '../../../src-headoffice/refusal';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import type { ReportEnvelope } from '../../../src-shared/sync/report-envelope';
import { BACKENDS, movableClock, push, startHeadOffice, storeCounts, supervisorEnvelope, technicianEnvelope, type RunningHeadOffice } from './harness';

/**
 * Group commit stores many reports in one transaction (on PostgreSQL in one statement). Each report
 * must still get the answer it would get alone, and a refused or failing one must take nothing else
 * with it. These call the batch stores directly, so that every report of a batch is sure to share it.
 */
const NOW = new Date('2026-03-02T11:00:00.000Z');
let nonceCounter = 0;

function entry(envelope: ReportEnvelope, nonce = `batch-test-nonce-${String(nonceCounter++).padStart(6, '0')}`): StoreInput {
  return { envelope, rawJson: canonicalJson(envelope), branchCode: envelope.branchCode, nonce, receivedAt: NOW.toISOString() };
}

function described(outcome: StoreOutcome): string {
  if (outcome.ok) return `${outcome.value.status}${outcome.value.isLatest ? ' (latest)' : ''}`;
  return outcome.error instanceof Refusal ? `${outcome.error.status} ${outcome.error.reason}` : 'failed';
}

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([table, n]) => [table, n - before[table]!]));
}

describe.each(BACKENDS)('a batch of reports stored together on $name', (backend) => {
  let ho: RunningHeadOffice;
  let drop: () => Promise<void>;
  let store: BatchStore;
  const clock = movableClock(NOW);
  /** PostgreSQL: each time the one-statement batch failed and its reports were stored one by one. */
  const statementFailures: unknown[] = [];

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    ho = await startHeadOffice(created.store, clock);
    const { db, direct } = ho.app.store;
    store = direct.kind === 'sqlite' ? createSqliteBatchStore(direct.sqlite, db) : createPostgresBatchStore(direct.pool, db, (error) => statementFailures.push(error));
  });
  afterAll(async () => {
    await ho?.stop();
    await drop?.();
  });

  it('answers each report of a mixed batch as if it had come alone', async () => {
    const stored = technicianEnvelope({ date: '2026-04-01', tech: 'B1' });
    const usedNonce = 'batch-test-used-nonce-1';
    expect((await store([entry(stored, usedNonce)])).map(described)).toEqual(['stored (latest)']);
    const twin = technicianEnvelope({ date: '2026-04-01', tech: 'B2' });
    const sharedNonce = 'batch-test-shared-nonce';
    const before = await storeCounts(ho);

    const outcomes = await store([
      entry(technicianEnvelope({ date: '2026-04-01', tech: 'B3' })),
      entry(stored),
      entry(technicianEnvelope({ date: '2026-04-01', tech: 'B1', minutesA: 61 })),
      entry(technicianEnvelope({ date: '2026-04-01', tech: 'B4' }), usedNonce),
      // The same report twice in one batch, then other content under its revision.
      entry(twin),
      entry(twin),
      entry(technicianEnvelope({ date: '2026-04-01', tech: 'B2', minutesA: 62 })),
      // One nonce twice in one batch: the first takes it.
      entry(supervisorEnvelope({ date: '2026-04-01' }), sharedNonce),
      entry(technicianEnvelope({ date: '2026-04-01', tech: 'B5' }), sharedNonce),
      // Two revisions of one report, the newer first: the older is kept but not shown.
      entry(technicianEnvelope({ date: '2026-04-01', tech: 'B6', revision: 2, minutesA: 20 })),
      entry(technicianEnvelope({ date: '2026-04-01', tech: 'B6', revision: 1, minutesA: 10 })),
    ]);

    expect(outcomes.map(described)).toEqual([
      'stored (latest)',
      'duplicate (latest)',
      '409 revision_conflict',
      '401 nonce_replayed',
      'stored (latest)',
      'duplicate (latest)',
      '409 revision_conflict',
      'stored (latest)',
      '401 nonce_replayed',
      'stored (latest)',
      'stored',
    ]);
    // Stored: B3, B2, the supervisor report, B6 r2 and r1. Nonces: those five and the two duplicates;
    // a refused report leaves none. Minutes: four per technician report, two technicians × four on the supervisor's.
    expect(delta(await storeCounts(ho), before)).toEqual({ reports: 5, report_heads: 4, report_minutes: 4 * 4 + 2 * 4, report_counts: 1, request_nonces: 7 });
    expect(statementFailures).toEqual([]);
    const heads = await ho.app.store.db.selectFrom('report_heads').select(['technician_key', 'latest_revision']).where('report_date', '=', '2026-04-01').where('technician_key', '=', 'B6').execute();
    expect(heads.map((h) => Number(h.latest_revision))).toEqual([2]);
  });

  it('a report the database refuses fails alone; the rest of its batch is stored', async () => {
    const earlier = technicianEnvelope({ date: '2026-04-02', tech: 'C1' });
    await store([entry(earlier)]);
    const before = await storeCounts(ho);
    const failuresBefore = statementFailures.length;

    // Never past the signature check over HTTP; here, a row the foreign keys refuse.
    const unregistered = technicianEnvelope({ branch: 'ZZ99', date: '2026-04-02', tech: 'C2' });
    const outcomes = await store([entry(technicianEnvelope({ date: '2026-04-02', tech: 'C3' })), entry(unregistered), entry(earlier)]);

    expect(outcomes.map(described)).toEqual(['stored (latest)', 'failed', 'duplicate (latest)']);
    expect(delta(await storeCounts(ho), before)).toEqual({ reports: 1, report_heads: 1, report_minutes: 4, report_counts: 0, request_nonces: 2 });
    if (backend.name === 'postgres') expect(statementFailures.length - failuresBefore).toBe(1);
  });

  it('over HTTP, a crowd of new, resent, conflicting and replayed reports each get their own answer', async () => {
    const sent = Array.from({ length: 10 }, (_, i) => technicianEnvelope({ date: '2026-04-03', tech: `D${i}` }));
    for (const envelope of sent) await push(ho.baseUrl, envelope, { secret: ho.secret, now: clock.now() });
    const replayedNonce = 'batch-test-crowd-nonce';
    await push(ho.baseUrl, technicianEnvelope({ date: '2026-04-03', tech: 'E0' }), { secret: ho.secret, now: clock.now(), nonce: replayedNonce });
    const before = await storeCounts(ho);

    const crowd = [
      ...Array.from({ length: 10 }, (_, i) => () => push(ho.baseUrl, technicianEnvelope({ date: '2026-04-03', tech: `F${i}` }), { secret: ho.secret, now: clock.now() })),
      ...sent.map((envelope) => () => push(ho.baseUrl, envelope, { secret: ho.secret, now: clock.now() })),
      ...sent.map((_, i) => () => push(ho.baseUrl, technicianEnvelope({ date: '2026-04-03', tech: `D${i}`, minutesA: 91 }), { secret: ho.secret, now: clock.now() })),
      ...Array.from({ length: 10 }, (_, i) => () => push(ho.baseUrl, technicianEnvelope({ date: '2026-04-03', tech: `G${i}` }), { secret: ho.secret, now: clock.now(), nonce: replayedNonce })),
    ];
    const answers = await Promise.all(crowd.map((send) => send()));
    const tally = new Map<string, number>();
    for (const a of answers) {
      const key = a.status === 200 ? String(a.json.status) : `${a.status} ${String(a.json.reason)}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(tally)).toEqual({ stored: 10, duplicate: 10, '409 revision_conflict': 10, '401 nonce_replayed': 10 });
    expect(delta(await storeCounts(ho), before)).toEqual({ reports: 10, report_heads: 10, report_minutes: 40, report_counts: 0, request_nonces: 20 });
  });
});
