import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/core/clock';
import { BACKOFF_MAX_MS, backoffDelayMs } from '../../../src-main/core/sync/backoff';
import { nextReportRevision, OutboxConflictError } from '../../../src-main/core/sync/outbox';
import { createSyncPusher } from '../../../src-main/core/sync/pusher';
import { checkHeadOfficeUrl, saveSyncSettings, SyncConfigError } from '../../../src-main/core/sync/settings';
import { technicianEnvelope } from '../headoffice/harness';
import { openSyncBranch, type SyncBranch } from './branch-harness';

const START = new Date('2026-03-02T10:00:00.000Z');

function refusingFetch(calls: string[]) {
  return async (url: string): Promise<Response> => {
    calls.push(url);
    throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
  };
}

describe('head-office URL', () => {
  it('accepts HTTPS anywhere and plain HTTP only to this machine', () => {
    expect(checkHeadOfficeUrl('https://ho.example.cn/aftercare').toString()).toBe('https://ho.example.cn/aftercare');
    for (const ok of ['http://127.0.0.1:5190', 'http://localhost:5190', 'http://[::1]:5190']) expect(() => checkHeadOfficeUrl(ok)).not.toThrow();
    for (const bad of ['http://ho.example.cn', 'http://192.168.1.20:5190', 'ftp://ho.example.cn', 'https://user:pw@ho.example.cn', 'not a url', 'http://127.0.0.1.evil.cn']) {
      expect(() => checkHeadOfficeUrl(bad), bad).toThrow(SyncConfigError);
      try {
        checkHeadOfficeUrl(bad);
      } catch (error) {
        expect((error as SyncConfigError).info).toEqual({ key: 'sync.error.insecureUrl', params: { url: bad } });
      }
    }
  });
});

describe('backoff', () => {
  it('doubles from 5 s to 15 minutes with jitter in the upper half of each step', () => {
    const upper = Array.from({ length: 12 }, (_, i) => backoffDelayMs(i + 1, () => 1));
    expect(upper).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 900_000, 900_000, 900_000, 900_000]);
    expect(backoffDelayMs(1, () => 0)).toBe(2_500);
    expect(backoffDelayMs(1000, () => 0.5)).toBe(675_000);
    for (let i = 1; i < 200; i++) expect(backoffDelayMs(i, Math.random)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
  });
});

describe('sync pusher with a fake clock and fetch', () => {
  let branch: SyncBranch;
  const clock = fixedClock(START);

  beforeEach(async () => {
    clock.set(START);
    branch = await openSyncBranch(clock);
  });
  afterEach(async () => {
    await branch.close();
  });

  it('says what is missing before it is configured, and never sends', async () => {
    const calls: string[] = [];
    const pusher = createSyncPusher({ db: branch.app.db, clock, fetch: refusingFetch(calls), random: () => 1 });
    await branch.enqueue(technicianEnvelope());
    expect(await pusher.runPass()).toMatchObject({ sent: 0, channelError: { key: 'sync.error.notConfigured' } });
    expect(calls).toEqual([]);
    expect(await pusher.status()).toMatchObject({ isConfigured: false, queued: 1, lastError: { key: 'sync.error.notConfigured' } });
    await expect(saveSyncSettings(branch.app.db, { headOfficeUrl: 'http://ho.example.cn', branchSecret: 'x'.repeat(43) })).rejects.toThrow(SyncConfigError);
  });

  it('on its timer, an unconfigured pusher looks again at the poll interval, not in a tight loop', async () => {
    const delays: number[] = [];
    const timers = { setTimeout: (_fn: () => void, ms: number) => delays.push(ms), clearTimeout: () => undefined };
    await branch.enqueue(technicianEnvelope());
    const pusher = createSyncPusher({ db: branch.app.db, clock, fetch: refusingFetch([]), random: () => 1, timers, pollIntervalMs: 60_000 });
    pusher.start();
    for (let i = 0; i < 50 && delays.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await pusher.stop();
    expect(delays).toEqual([60_000]);
  });

  it('retries a failing channel on the backoff schedule, forever, and keeps the report', async () => {
    await saveSyncSettings(branch.app.db, { headOfficeUrl: 'http://127.0.0.1:9', branchSecret: 'a'.repeat(43) });
    const calls: string[] = [];
    const pusher = createSyncPusher({ db: branch.app.db, clock, fetch: refusingFetch(calls), random: () => 1 });
    await branch.enqueue(technicianEnvelope());

    const waits: number[] = [];
    for (let i = 0; i < 14; i++) {
      await pusher.runPass();
      const status = await pusher.status();
      const wait = Date.parse(status.nextTryAt!) - clock.now().getTime();
      waits.push(wait);
      // Nothing is tried before the wait is over...
      clock.advanceMs(wait - 1);
      await pusher.runPass();
      expect(calls).toHaveLength(i + 1);
      clock.advanceMs(1);
    }
    expect(waits).toEqual([5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 900_000, 900_000, 900_000, 900_000, 900_000, 900_000]);
    expect(calls[0]).toBe('http://127.0.0.1:9/api/v1/reports');

    const status = await pusher.status();
    expect(status).toMatchObject({ queued: 1, failures: 14, lastSuccessAt: null, lastError: { key: 'sync.error.unreachable', params: { detail: 'ECONNREFUSED' } } });
    const row = await branch.app.db.selectFrom('sync_outbox').select(['attempts', 'sent_at']).executeTakeFirstOrThrow();
    expect(row).toEqual({ attempts: 14, sent_at: null });

    // 'Send now' ignores the wait.
    await pusher.sendNow();
    expect(calls).toHaveLength(15);
  });

  it('keeps the backoff across a restart', async () => {
    await saveSyncSettings(branch.app.db, { headOfficeUrl: 'http://127.0.0.1:9', branchSecret: 'a'.repeat(43) });
    const calls: string[] = [];
    await branch.enqueue(technicianEnvelope());
    let pusher = createSyncPusher({ db: branch.app.db, clock, fetch: refusingFetch(calls), random: () => 0 });
    for (let i = 0; i < 3; i++) {
      await pusher.runPass();
      clock.set(new Date((await pusher.status()).nextTryAt!));
    }
    const before = await pusher.status();
    await branch.restart();
    pusher = createSyncPusher({ db: branch.app.db, clock, fetch: refusingFetch(calls), random: () => 0 });
    expect(await pusher.status()).toEqual(before);
    await pusher.runPass();
    // The fourth failure waits half of the 40 s step (random 0).
    expect(Date.parse((await pusher.status()).nextTryAt!) - clock.now().getTime()).toBe(20_000);
  });

  it('a report head office refuses waits on its own schedule while the others go', async () => {
    await saveSyncSettings(branch.app.db, { headOfficeUrl: 'http://127.0.0.1:9', branchSecret: 'a'.repeat(43) });
    const refused = await branch.enqueue(technicianEnvelope({ tech: 'T01' }));
    await branch.enqueue(technicianEnvelope({ tech: 'T02' }));
    const seen: string[] = [];
    const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
      const key = (JSON.parse(String(init.body)) as { technicianCode: string }).technicianCode;
      seen.push(key);
      return key === 'T01'
        ? Response.json({ error: 'conflict', reason: 'revision_conflict' }, { status: 409 })
        : Response.json({ status: 'stored', reportKey: 'x', isLatest: true });
    };
    const pusher = createSyncPusher({ db: branch.app.db, clock, fetch, random: () => 1 });
    expect(await pusher.runPass()).toEqual({ sent: 1, refused: 1, channelError: null });
    expect(seen).toEqual(['T01', 'T02']);
    const status = await pusher.status();
    expect(status).toMatchObject({ queued: 1, failures: 0, lastError: { key: 'sync.error.conflict', params: { reportKey: refused.reportKey }, reportKey: refused.reportKey } });
    expect(Date.parse(status.nextTryAt!) - clock.now().getTime()).toBe(5_000);
  });

  it('queues idempotently and refuses other content under a queued revision', async () => {
    const first = await branch.enqueue(technicianEnvelope({ tech: 'T01' }));
    expect(first.isNew).toBe(true);
    expect((await branch.enqueue(technicianEnvelope({ tech: 'T01' }))).isNew).toBe(false);
    await expect(branch.enqueue(technicianEnvelope({ tech: 'T01', minutesA: 5 }))).rejects.toThrow(OutboxConflictError);
    expect(await nextReportRevision(branch.app.db, { kind: 'technician', reportDate: '2026-03-02', technicianCode: 'T01' })).toBe(2);
    expect(await nextReportRevision(branch.app.db, { kind: 'supervisor', reportDate: '2026-03-02', technicianCode: null })).toBe(1);
    await expect(branch.enqueue({ ...technicianEnvelope({ tech: 'T01', revision: 2 }), contentHash: '0'.repeat(64) })).rejects.toThrow(/does not match/);
    const long = technicianEnvelope({ tech: 'T05' });
    const lines = Array.from({ length: 1000 }, () => ({ category: 'D' as const, minutes: 1, callNumber: null, description: '长'.repeat(500) }));
    const huge = { ...long, body: { ...long.body, lines, totalsByCategory: { A: 0, B: 0, C: 0, D: 1000 } } };
    await expect(branch.enqueue({ ...huge, contentHash: undefined })).rejects.toThrow(/over head office/);
    expect(await branch.app.db.selectFrom('sync_outbox').select('report_key').where('technician_code', '=', 'T05').execute()).toEqual([]);
  });
});
