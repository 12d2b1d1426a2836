import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHashOf } from '../../../src-main/core/sync/hashing';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import { supervisorEnvelope, technicianEnvelope } from '../headoffice/harness';
import { pushBytes, slowClient, startChildHeadOffice, type ChildHeadOffice } from './headoffice-client';

/**
 * Issue 7, hostile requests to head office (what test/integration/headoffice/ingest.test.ts does not
 * already cover): a 10 MB body, JSON nested 100,000 deep, invalid UTF-8, unknown fields at every level,
 * minutes out of range, slow clients. Each is refused with the right 4xx or its connection is closed by
 * a deadline; no row is stored; head office, in its own process, keeps answering and its memory stays
 * bounded. Signatures are valid throughout, so each request reaches the check it is about.
 */
const TIMEOUTS = { requestMs: 2_000, headersMs: 1_000, idleMs: 1_500, checkEveryMs: 200 };
/** Growth of head office's resident memory allowed over the whole file (~35 MB seen, mostly parsing deep JSON); buffering the 10 MB bodies would take 200 MB. */
const RSS_GROWTH_LIMIT_BYTES = 96 * 1024 * 1024;

let ho: ChildHeadOffice;
let dataDir: string;
let rssAtStart = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-ho-hostile-'));
  ho = await startChildHeadOffice(dataDir, TIMEOUTS);
  // One good report first, so the memory baseline includes a warmed-up server.
  expect((await pushBytes(ho, Buffer.from(canonicalJson(technicianEnvelope({ tech: 'T00' }))))).status).toBe(200);
  rssAtStart = ho.rssBytes();
}, 60_000);

afterAll(async () => {
  await ho?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Send each body signed; expect `status` and `reason` for all of them and no row stored. */
async function expectAllRefused(bodies: Buffer[], status: number, reason: string): Promise<void> {
  const before = ho.storedRows();
  for (const [i, body] of bodies.entries()) {
    const answer = await pushBytes(ho, body);
    expect(answer, `body ${i}`).toMatchObject({ status, json: { reason } });
  }
  expect(ho.storedRows()).toEqual(before);
}

/** A technician envelope whose body is `edit`ed, with the content hash recomputed over the edited body. */
function technicianWith(edit: (body: Record<string, unknown>) => void, envelopeEdit: (e: Record<string, unknown>) => void = () => undefined): Buffer {
  const envelope = technicianEnvelope({ tech: 'T50' }) as unknown as Record<string, unknown>;
  const body = structuredClone(envelope.body) as Record<string, unknown>;
  edit(body);
  const out = { ...envelope, body, contentHash: contentHashOf(body as never) };
  envelopeEdit(out);
  return Buffer.from(canonicalJson(out));
}

describe('head office against hostile requests', () => {
  it('10 MB bodies, declared and streamed, twenty at once: 413 or the connection closed, nothing stored, memory bounded', async () => {
    const before = ho.storedRows();
    const huge = Buffer.from(`{"pad":"${'售'.repeat((10 * 1024 * 1024) / 3)}"}`);
    const answers = await Promise.all(Array.from({ length: 20 }, (_v, i) => pushBytes(ho, huge, { chunked: i % 2 === 1 })));
    for (const answer of answers) {
      if (answer.status === 0) continue; // the server stopped reading and closed: the client sees a reset
      expect(answer).toMatchObject({ status: 413, json: { error: 'payload_too_large', reason: 'body_too_large' } });
    }
    expect(answers.filter((a) => a.status === 413).length).toBeGreaterThan(0);
    expect(ho.storedRows()).toEqual(before);
    expect(ho.rssBytes() - rssAtStart).toBeLessThan(RSS_GROWTH_LIMIT_BYTES);
  }, 60_000);

  it('JSON nested 100,000 (and 500,000) deep, alone or inside a report: 422 invalid_report', async () => {
    const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const inside = (deep: string) => Buffer.from(canonicalJson(technicianEnvelope({ tech: 'T51' })).replace('"description":"培训 training"', `"description":${deep}`));
    await expectAllRefused(
      [Buffer.from(deepArray(100_000)), Buffer.from(deepArray(500_000)), Buffer.from(deepObject(100_000)), inside(deepArray(100_000)), inside(deepObject(100_000))],
      422,
      'invalid_report',
    );
  });

  it('invalid UTF-8, even under a content hash of the leniently decoded text: 400 malformed_json', async () => {
    const badBytes = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe5, 0x94], [0xf8, 0x88, 0x80, 0x80, 0x80]];
    const bodies = badBytes.flatMap((bytes) => {
      const bad = Buffer.from(bytes);
      // What a lenient decoder makes of the bytes: with the hash over that, only the decoding can refuse.
      const replaced = bad.toString('utf8');
      const envelope = technicianWith((body) => {
        (body.lines as { description: string }[])[2]!.description = `培训${replaced}`;
      });
      const [head, tail] = envelope.toString('utf8').split(replaced);
      return [Buffer.concat([Buffer.from(head!), bad, Buffer.from(tail!)]), Buffer.concat([Buffer.from('{"branchCode":'), bad, Buffer.from('}')])];
    });
    await expectAllRefused(bodies, 400, 'malformed_json');
  });

  it('unknown fields at every level of a report: 422 invalid_report naming where', async () => {
    const cases: [Buffer, string][] = [
      [technicianWith(() => undefined, (e) => (e.isAdmin = true)), '(body)'],
      [technicianWith((b) => (b.approved = true)), 'body'],
      [technicianWith((b) => ((b.technician as Record<string, unknown>).role = 'admin')), 'body.technician'],
      [technicianWith((b) => ((b.lines as Record<string, unknown>[])[0]!.fee = 100)), 'body.lines.0'],
      [technicianWith((b) => ((b.totalsByCategory as Record<string, unknown>).E = 0)), 'body.totalsByCategory'],
    ];
    const before = ho.storedRows();
    for (const [body, where] of cases) {
      const answer = await pushBytes(ho, body);
      expect(answer, where).toMatchObject({ status: 422, json: { reason: 'invalid_report' } });
      expect((answer.json!.issues as { path: string }[]).map((i) => i.path), where).toContain(where);
    }
    const supervisor = supervisorEnvelope({ date: '2026-03-05' }) as unknown as { body: { counts: Record<string, unknown> } };
    supervisor.body.counts.bonus = 1;
    await expectAllRefused([Buffer.from(canonicalJson({ ...supervisor, contentHash: contentHashOf(supervisor.body as never) }))], 422, 'invalid_report');
    expect(ho.storedRows()).toEqual(before);
  });

  it('minutes and counts out of range: 422 invalid_report', async () => {
    const withMinutes = (minutes: unknown) =>
      technicianWith((b) => {
        (b.lines as { minutes: unknown }[])[0]!.minutes = minutes;
        (b.totalsByCategory as Record<string, unknown>).A = minutes;
      });
    const bodies = [-1, 1441, 1.5, 1e9, '90', null].map(withMinutes);
    // 1e400 is valid JSON that parses to Infinity; no serializer writes it, so it is put in as text.
    bodies.push(Buffer.from(withMinutes(1441).toString('utf8').replaceAll(':1441', ':1e400')));
    const supervisor = (edit: (b: { minutesByTechnicianAndCategory: Record<string, unknown>[]; counts: Record<string, unknown> }) => void) => {
      const envelope = supervisorEnvelope({ date: '2026-03-06' }) as unknown as { body: Parameters<typeof edit>[0] };
      edit(envelope.body);
      return Buffer.from(canonicalJson({ ...envelope, contentHash: contentHashOf(envelope.body as never) }));
    };
    bodies.push(supervisor((b) => (b.minutesByTechnicianAndCategory[0]!.A = 1441)));
    bodies.push(supervisor((b) => (b.minutesByTechnicianAndCategory[1]!.D = -30)));
    bodies.push(supervisor((b) => (b.counts.late = -1)));
    bodies.push(supervisor((b) => (b.counts.received = 1_000_001)));
    await expectAllRefused(bodies, 422, 'invalid_report');
  });

  it('slow clients: headers or body trickled, or nothing sent, are cut off by the deadlines', async () => {
    const margin = 2_500;
    const giveUp = 10_000;
    const head = 'POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n';
    const fullHead = `${head}Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;
    const [headers, body, idle] = await Promise.all([
      slowClient(ho.port, head, 'X-Slow: aaaaaaaaaaaaaaaaaaaa\r\n', 100, giveUp),
      slowClient(ho.port, fullHead, '{"a":"bbbbbbbbbbbbbbbbbbbb', 100, giveUp),
      slowClient(ho.port, '', ' ', 60_000, giveUp),
    ]);
    expect(headers.closedByServer).toBe(true);
    expect(headers.closedAfterMs).toBeLessThan(TIMEOUTS.headersMs + margin);
    expect(body.closedByServer).toBe(true);
    expect(body.closedAfterMs).toBeLessThan(TIMEOUTS.requestMs + margin);
    expect(idle.closedByServer).toBe(true);
    expect(idle.closedAfterMs).toBeLessThan(TIMEOUTS.idleMs + margin);
    for (const outcome of [headers, body]) if (outcome.statusLine) expect(outcome.statusLine).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);

  it('fifty slow clients at once do not stop a branch from sending, and all are cut off', async () => {
    const before = ho.storedRows();
    const head = 'POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n';
    const slow = Promise.all(Array.from({ length: 50 }, () => slowClient(ho.port, head, 'x', 100, 10_000)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const good = await pushBytes(ho, Buffer.from(canonicalJson(technicianEnvelope({ tech: 'T60' }))));
    expect(good).toMatchObject({ status: 200, json: { status: 'stored' } });
    const outcomes = await slow;
    expect(outcomes.every((o) => o.closedByServer)).toBe(true);
    expect(Math.max(...outcomes.map((o) => o.closedAfterMs))).toBeLessThan(TIMEOUTS.requestMs + 2_500);
    expect(ho.storedRows().reports).toBe(before.reports + 1);
  }, 30_000);

  it('is still up afterwards: stores a good report, and its memory grew less than the limit', async () => {
    const answer = await pushBytes(ho, Buffer.from(canonicalJson(technicianEnvelope({ tech: 'T99' }))));
    expect(answer).toMatchObject({ status: 200, json: { status: 'stored' } });
    expect(ho.child.exitCode).toBeNull();
    const growth = ho.rssBytes() - rssAtStart;
    console.log(`head office hostile: RSS ${(rssAtStart / 2 ** 20).toFixed(1)} MB at start, grew ${(growth / 2 ** 20).toFixed(1)} MB (limit ${RSS_GROWTH_LIMIT_BYTES / 2 ** 20} MB); rows ${JSON.stringify(ho.storedRows())}`);
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT_BYTES);
  });
});
