import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { type FetchLike } from '../../../src-main/core/sync/deliver';
import { nextReportRevision } from '../../../src-main/core/sync/outbox';
import { createSyncPusher } from '../../../src-main/core/sync/pusher';
import { saveSyncSettings } from '../../../src-main/core/sync/settings';
import type { HeadOfficeStore } from '../../../src-headoffice/db/open';
import { adminGet, BACKENDS, startHeadOffice, supervisorEnvelope, technicianEnvelope, type RunningHeadOffice } from '../headoffice/harness';
import { openSyncBranch, type SyncBranch } from './branch-harness';

const MORNING = new Date('2026-03-02T00:00:00.000Z'); // 08:00 in Beijing

const realFetch: FetchLike = (url, init) => fetch(url, init);

describe.each(BACKENDS)('branch to head office over loopback, $name', (backend) => {
  const clock = fixedClock(MORNING);
  let store: HeadOfficeStore;
  let drop: () => Promise<void>;
  let ho: RunningHeadOffice;
  let branch: SyncBranch;

  beforeAll(async () => {
    const created = await backend.create();
    store = created.store;
    drop = created.drop;
    ho = await startHeadOffice(store, clock);
    branch = await openSyncBranch(clock);
    await saveSyncSettings(branch.app.db, { headOfficeUrl: ho.baseUrl, branchSecret: ho.secret });
  });
  afterAll(async () => {
    await branch?.close();
    await ho?.stop();
    await drop?.();
  });

  it('signs, pushes and reads back the reports, then a correction as the latest revision', async () => {
    const pusher = createSyncPusher({ db: branch.app.db, clock, fetch: realFetch, random: Math.random });
    await branch.enqueue(technicianEnvelope({ date: '2026-02-27' }));
    await branch.enqueue(supervisorEnvelope({ date: '2026-02-27' }));
    const status = await pusher.sendNow();
    expect(status).toMatchObject({ queued: 0, lastError: null, failures: 0, lastSuccessAt: clock.now().toISOString(), nextTryAt: null });
    await branch.enqueue(technicianEnvelope({ date: '2026-02-26' }));
    expect((await pusher.status()).nextTryAt).toBe(clock.now().toISOString());

    const revision = await nextReportRevision(branch.app.db, { kind: 'supervisor', reportDate: '2026-02-27', technicianCode: null });
    expect(revision).toBe(2);
    await branch.enqueue(supervisorEnvelope({ date: '2026-02-27', revision, late: 0 }));
    await pusher.sendNow();

    const listed = JSON.parse((await adminGet(ho, '/api/v1/reports?date=2026-02-27')).text) as { reports: { kind: string; revision: number }[] };
    expect(listed.reports.map((r) => `${r.kind} r${r.revision}`)).toEqual(['supervisor r2', 'technician r1']);
    const days = JSON.parse((await adminGet(ho, '/api/v1/late-calls?date=2026-02-27')).text) as { days: { late: number }[] };
    expect(days.days).toEqual([expect.objectContaining({ branchCode: 'SH02', late: 0, received: 12 })]);
    const sent = await branch.app.db.selectFrom('sync_outbox').select(['report_key', 'sent_result']).where('report_date', '=', '2026-02-27').orderBy('id').execute();
    expect(sent).toEqual([
      { report_key: 'SH02/technician/2026-02-27/T01/r1', sent_result: 'stored' },
      { report_key: 'SH02/supervisor/2026-02-27/-/r1', sent_result: 'stored' },
      { report_key: 'SH02/supervisor/2026-02-27/-/r2', sent_result: 'stored' },
    ]);
  });

  it('head office away for a whole day of reports, the branch restarted meanwhile: every report arrives exactly once', async () => {
    const port = Number(new URL(ho.baseUrl).port);
    await ho.stop();
    const creds = { secret: ho.secret, otherSecret: ho.otherSecret, adminToken: ho.adminToken };

    // One answer is lost on the way back: head office stores the report, the branch never hears it.
    let loseNextAnswer = false;
    const flakyFetch: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      if (loseNextAnswer) {
        loseNextAnswer = false;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      }
      return response;
    };
    let pusher = createSyncPusher({ db: branch.app.db, clock, fetch: flakyFetch, random: Math.random });

    const day = '2026-03-02';
    const expected: string[] = [];
    let tried = 0;
    // 08:00 to 20:00 in five-minute steps; each technician confirms a report at some point.
    for (let step = 0; step <= 144; step++) {
      if (step % 12 === 6) {
        const tech = `T${String(step / 12 + 0.5).padStart(2, '0')}`;
        expected.push((await branch.enqueue(technicianEnvelope({ date: day, tech }))).reportKey);
      }
      if (step === 72) {
        // Midday restart of the branch app: the queue and the backoff are in the database.
        await branch.restart();
        pusher = createSyncPusher({ db: branch.app.db, clock, fetch: flakyFetch, random: Math.random });
      }
      const pass = await pusher.runPass();
      if (pass.channelError) tried += 1;
      clock.advanceMs(5 * 60_000);
    }
    expected.push((await branch.enqueue(supervisorEnvelope({ date: day }))).reportKey);
    const waiting = await pusher.status();
    expect(waiting.queued).toBe(expected.length);
    expect(waiting.lastError?.key).toBe('sync.error.unreachable');
    expect(tried).toBeGreaterThan(20);
    expect(Date.parse(waiting.nextTryAt!) - clock.now().getTime()).toBeLessThanOrEqual(15 * 60_000);

    // Head office is back the next morning.
    clock.advanceMs(12 * 3_600_000);
    ho = await startHeadOffice(store, clock, port, creds);
    loseNextAnswer = true;
    await pusher.runPass();
    clock.advanceMs(15 * 60_000);
    await pusher.runPass();

    const status = await pusher.status();
    expect(status).toMatchObject({ queued: 0, lastError: null, failures: 0 });
    const rows = await ho.app.store.db.selectFrom('reports').select(['kind', 'technician_key', 'revision']).where('report_date', '=', day).execute();
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map((r) => `SH02/${r.kind}/${day}/${r.technician_key || '-'}/r${r.revision}`))).toEqual(new Set(expected));
    const results = await branch.app.db.selectFrom('sync_outbox').select('sent_result').where('report_date', '=', day).execute();
    // The report whose answer was lost was sent again and acknowledged as a duplicate.
    expect(results.filter((r) => r.sent_result === 'duplicate')).toHaveLength(1);
    expect(results.filter((r) => r.sent_result === 'stored')).toHaveLength(expected.length - 1);
  });

  it('started on its timer, the pusher sends what was queued before a restart without being asked', async () => {
    await branch.enqueue(technicianEnvelope({ date: '2026-03-05', tech: 'T77' }));
    await branch.restart();
    const pusher = createSyncPusher({ db: branch.app.db, clock, fetch: realFetch, random: Math.random, pollIntervalMs: 50 });
    pusher.start();
    for (let i = 0; i < 100 && (await pusher.status()).queued > 0; i++) await new Promise((r) => setTimeout(r, 20));
    await pusher.stop();
    expect((await pusher.status()).queued).toBe(0);
    const listed = JSON.parse((await adminGet(ho, '/api/v1/reports?date=2026-03-05')).text) as { reports: unknown[] };
    expect(listed.reports).toHaveLength(1);
  });
});
