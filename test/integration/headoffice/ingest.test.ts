import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import { SYNC_HEADERS } from '../../../src-shared/sync/request-signing';
import { BACKENDS, OTHER_BRANCH, push, startHeadOffice, storeCounts, supervisorEnvelope, technicianEnvelope, movableClock, type RunningHeadOffice } from './harness';

const NOW = new Date('2026-03-02T11:00:00.000Z');

describe.each(BACKENDS)('head-office intake on $name', (backend) => {
  let ho: RunningHeadOffice;
  let drop: () => Promise<void>;
  const clock = movableClock(NOW);

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    ho = await startHeadOffice(created.store, clock);
  });
  afterAll(async () => {
    await ho?.stop();
    await drop?.();
  });

  it('stores a signed report once and answers duplicate for the same content again', async () => {
    const envelope = technicianEnvelope({ tech: 'T10' });
    const first = await push(ho.baseUrl, envelope, { secret: ho.secret, now: clock.now() });
    expect(first).toEqual({ status: 200, json: { status: 'stored', reportKey: 'SH02/technician/2026-03-02/T10/r1', isLatest: true } });
    const again = await push(ho.baseUrl, envelope, { secret: ho.secret, now: clock.now() });
    expect(again).toEqual({ status: 200, json: { status: 'duplicate', reportKey: 'SH02/technician/2026-03-02/T10/r1', isLatest: true } });
  });

  it('keeps every revision, shows the latest, and refuses other content under an existing revision', async () => {
    const r1 = technicianEnvelope({ tech: 'T20', minutesA: 60 });
    const r2 = technicianEnvelope({ tech: 'T20', minutesA: 75, revision: 2 });
    expect((await push(ho.baseUrl, r1, { secret: ho.secret, now: clock.now() })).json.status).toBe('stored');
    expect((await push(ho.baseUrl, r2, { secret: ho.secret, now: clock.now() })).json).toMatchObject({ status: 'stored', isLatest: true });

    const before = await storeCounts(ho);
    const changedR1 = technicianEnvelope({ tech: 'T20', minutesA: 61 });
    const conflict = await push(ho.baseUrl, changedR1, { secret: ho.secret, now: clock.now() });
    expect(conflict).toEqual({ status: 409, json: { error: 'conflict', reason: 'revision_conflict' } });
    expect(await storeCounts(ho)).toEqual(before);

    // A late older revision (r3 arrived before r2 for another technician) is kept but not shown.
    const t3 = technicianEnvelope({ tech: 'T21', revision: 3, minutesA: 30 });
    const t2 = technicianEnvelope({ tech: 'T21', revision: 2, minutesA: 20 });
    expect((await push(ho.baseUrl, t3, { secret: ho.secret, now: clock.now() })).json).toMatchObject({ status: 'stored', isLatest: true });
    expect((await push(ho.baseUrl, t2, { secret: ho.secret, now: clock.now() })).json).toMatchObject({ status: 'stored', isLatest: false });

    const db = ho.app.store.db;
    const revisions = await db.selectFrom('reports').select(['technician_key', 'revision']).where('technician_key', 'in', ['T20', 'T21']).orderBy('technician_key').orderBy('revision').execute();
    expect(revisions.map((r) => `${r.technician_key}r${r.revision}`)).toEqual(['T20r1', 'T20r2', 'T21r2', 'T21r3']);
    const heads = await db.selectFrom('report_heads').select(['technician_key', 'latest_revision']).where('technician_key', 'in', ['T20', 'T21']).orderBy('technician_key').execute();
    expect(heads.map((h) => [h.technician_key, Number(h.latest_revision)])).toEqual([['T20', 2], ['T21', 3]]);
  });

  describe('refusals leave the store unchanged', () => {
    const valid = () => technicianEnvelope({ tech: 'T30' });

    async function expectRefused(send: () => Promise<{ status: number; json: Record<string, unknown> }>, status: number, reason: string): Promise<void> {
      const before = await storeCounts(ho);
      const answer = await send();
      expect(answer.status).toBe(status);
      expect(answer.json).toMatchObject({ reason });
      expect(typeof answer.json.error).toBe('string');
      expect(await storeCounts(ho)).toEqual(before);
    }

    it('bad signature (wrong secret, or a body changed after signing)', async () => {
      await expectRefused(() => push(ho.baseUrl, valid(), { secret: 'not-the-secret-of-this-branch', now: clock.now() }), 401, 'bad_signature');
      const signedFor = canonicalJson(valid());
      const forged = canonicalJson(technicianEnvelope({ tech: 'T30', minutesA: 999 }));
      await expectRefused(async () => {
        // Sign one body, send another with the same headers.
        let captured: Record<string, string> = {};
        await push(ho.baseUrl, signedFor, { secret: ho.secret, now: clock.now(), contentType: 'text/plain', tamper: (h) => (captured = h) });
        return push(ho.baseUrl, forged, { secret: ho.secret, now: clock.now(), tamper: () => captured });
      }, 401, 'bad_signature');
    });

    it('stale timestamp, either way', async () => {
      await expectRefused(() => push(ho.baseUrl, valid(), { secret: ho.secret, now: new Date(clock.now().getTime() - 5 * 60_000 - 1000) }), 401, 'stale_timestamp');
      await expectRefused(() => push(ho.baseUrl, valid(), { secret: ho.secret, now: new Date(clock.now().getTime() + 5 * 60_000 + 1000) }), 401, 'stale_timestamp');
    });

    it('replayed nonce', async () => {
      const nonce = 'replayed-nonce-0000000001';
      expect((await push(ho.baseUrl, valid(), { secret: ho.secret, now: clock.now(), nonce })).status).toBe(200);
      await expectRefused(() => push(ho.baseUrl, valid(), { secret: ho.secret, now: clock.now(), nonce }), 401, 'nonce_replayed');
      // Even carrying a new report: the nonce alone is enough to refuse.
      await expectRefused(() => push(ho.baseUrl, technicianEnvelope({ tech: 'T31' }), { secret: ho.secret, now: clock.now(), nonce }), 401, 'nonce_replayed');
    });

    it('unknown branch, missing and malformed signature headers', async () => {
      await expectRefused(() => push(ho.baseUrl, technicianEnvelope({ branch: 'XX99' }), { secret: ho.secret, branch: 'XX99', now: clock.now() }), 401, 'unknown_branch');
      await expectRefused(() => push(ho.baseUrl, valid(), { secret: ho.secret, now: clock.now(), tamper: (h) => ({ ...h, [SYNC_HEADERS.signature]: '' }) }), 401, 'missing_signature_headers');
      await expectRefused(() => push(ho.baseUrl, valid(), { secret: ho.secret, now: clock.now(), tamper: (h) => ({ ...h, [SYNC_HEADERS.nonce]: 'short' }) }), 401, 'malformed_signature_headers');
    });

    it('a branch filing a report for another branch', async () => {
      await expectRefused(() => push(ho.baseUrl, technicianEnvelope({ branch: OTHER_BRANCH }), { secret: ho.secret, now: clock.now() }), 403, 'branch_mismatch');
    });

    it('oversized body (over 1 MB)', async () => {
      const huge = technicianEnvelope({ tech: 'T32', description: 'x'.repeat(400) });
      const body = canonicalJson({ ...huge, padding: 'y'.repeat(1024 * 1024) });
      await expectRefused(() => push(ho.baseUrl, body, { secret: ho.secret, now: clock.now() }), 413, 'body_too_large');
    });

    it('malformed JSON, wrong media type, schema violations and a wrong content hash', async () => {
      await expectRefused(() => push(ho.baseUrl, '{"branchCode":"SH02",', { secret: ho.secret, now: clock.now() }), 400, 'malformed_json');
      await expectRefused(() => push(ho.baseUrl, '', { secret: ho.secret, now: clock.now() }), 400, 'malformed_json');
      await expectRefused(() => push(ho.baseUrl, valid(), { secret: ho.secret, now: clock.now(), contentType: 'text/plain' }), 415, 'unsupported_media_type');
      const badTotals = valid();
      badTotals.body.totalsByCategory.A = 1;
      await expectRefused(() => push(ho.baseUrl, badTotals, { secret: ho.secret, now: clock.now() }), 422, 'invalid_report');
      await expectRefused(() => push(ho.baseUrl, { ...valid(), extra: 1 } as never, { secret: ho.secret, now: clock.now() }), 422, 'invalid_report');
      await expectRefused(() => push(ho.baseUrl, { ...valid(), revision: 0 }, { secret: ho.secret, now: clock.now() }), 422, 'invalid_report');
      await expectRefused(() => push(ho.baseUrl, { ...valid(), contentHash: '0'.repeat(64) }, { secret: ho.secret, now: clock.now() }), 422, 'content_hash_mismatch');
      const answer = await push(ho.baseUrl, { ...valid(), reportDate: '2026-02-30' }, { secret: ho.secret, now: clock.now() });
      expect(answer.json.issues).toEqual([expect.objectContaining({ path: 'reportDate' })]);
    });
  });

  it('the same report pushed 1,000 times, 100 at once, is stored once', async () => {
    const envelope = supervisorEnvelope({ date: '2026-03-03' });
    const before = await storeCounts(ho);
    const statuses: string[] = [];
    for (let wave = 0; wave < 10; wave++) {
      const answers = await Promise.all(Array.from({ length: 100 }, () => push(ho.baseUrl, envelope, { secret: ho.secret, now: clock.now() })));
      for (const a of answers) statuses.push(a.status === 200 ? String(a.json.status) : `HTTP ${a.status} ${JSON.stringify(a.json)}`);
    }
    expect(statuses.filter((s) => s === 'stored')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(999);
    const after = await storeCounts(ho);
    expect(after.reports - before.reports).toBe(1);
    expect(after.report_counts - before.report_counts).toBe(1);
    expect(after.report_heads - before.report_heads).toBe(1);
    expect(after.request_nonces - before.request_nonces).toBe(1000);
  });
  it('reports committed together stay independent: a refused one in the crowd takes nothing else with it', async () => {
    // 60 new reports at once share commits (group commit); every third replays the nonce of the one before.
    const before = await storeCounts(ho);
    const nonceOf = (i: number) => `crowd-nonce-${String(Math.floor(i / 3) * 3 + (i % 3 === 2 ? 1 : i % 3)).padStart(10, '0')}`;
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => push(ho.baseUrl, technicianEnvelope({ date: '2026-03-04', tech: `C${i}` }), { secret: ho.secret, now: clock.now(), nonce: nonceOf(i) })),
    );
    const stored = answers.filter((a) => a.status === 200 && a.json.status === 'stored').length;
    const replayed = answers.filter((a) => a.status === 401 && a.json.reason === 'nonce_replayed').length;
    expect({ stored, replayed }).toEqual({ stored: 40, replayed: 20 });
    const after = await storeCounts(ho);
    expect(after.reports - before.reports).toBe(40);
    expect(after.report_minutes - before.report_minutes).toBe(40 * 4);
    expect(after.request_nonces - before.request_nonces).toBe(40);
  });
});
