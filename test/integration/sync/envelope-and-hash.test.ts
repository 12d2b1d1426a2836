import { describe, expect, it } from 'vitest';
import { contentHashOf } from '../../../src-main/core/sync/hashing';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import { reportEnvelopeSchema, reportKey } from '../../../src-shared/sync/report-envelope';
import { canonicalRequest } from '../../../src-shared/sync/request-signing';
import { supervisorEnvelope, technicianEnvelope } from '../headoffice/harness';

describe('canonical JSON and content hashes', () => {
  it('sorts keys at every depth, so the hash does not depend on how the body was built', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }], 中: '文' })).toBe('{"a":[{"c":null,"d":"x"}],"b":1,"中":"文"}');
    expect(contentHashOf({ x: 1, y: { b: 2, a: 1 } })).toBe(contentHashOf({ y: { a: 1, b: 2 }, x: 1 }));
    expect(contentHashOf({ x: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses what JSON cannot carry faithfully', () => {
    for (const bad of [{ n: NaN }, { n: Infinity }, [undefined], { d: new Date(0) }, { f: () => 1 }, { b: 1n }]) expect(() => canonicalJson(bad)).toThrow(TypeError);
  });

  it('fixes the text a request signature covers', () => {
    expect(canonicalRequest({ method: 'post', path: '/api/v1/reports', timestamp: '2026-03-02T10:00:00.000Z', nonce: 'n'.repeat(22), bodySha256: 'ab' })).toBe(
      `POST\n/api/v1/reports\n2026-03-02T10:00:00.000Z\n${'n'.repeat(22)}\nab`,
    );
  });
});

describe('report envelope schema', () => {
  it('accepts both kinds and parses to the very value sent (no transforms)', () => {
    for (const e of [technicianEnvelope(), supervisorEnvelope()]) {
      const parsed = reportEnvelopeSchema.parse(e);
      expect(canonicalJson(parsed)).toBe(canonicalJson(e));
    }
    expect(reportKey(supervisorEnvelope())).toBe('SH02/supervisor/2026-03-02/-/r1');
  });

  it('refuses mismatched identities, totals and duplicate technicians', () => {
    const t = technicianEnvelope();
    expect(reportEnvelopeSchema.safeParse({ ...t, technicianCode: 'T99' }).success).toBe(false);
    expect(reportEnvelopeSchema.safeParse({ ...t, technicianCode: null }).success).toBe(false);
    expect(reportEnvelopeSchema.safeParse({ ...t, branchCode: 'sh02' }).success).toBe(false);
    expect(reportEnvelopeSchema.safeParse({ ...t, body: { ...t.body, lines: [{ ...t.body.lines[0]!, minutes: 1441 }] } }).success).toBe(false);
    const s = supervisorEnvelope();
    const twice = [...s.body.minutesByTechnicianAndCategory, s.body.minutesByTechnicianAndCategory[0]!];
    expect(reportEnvelopeSchema.safeParse({ ...s, body: { ...s.body, minutesByTechnicianAndCategory: twice } }).success).toBe(false);
    expect(reportEnvelopeSchema.safeParse({ ...s, technicianCode: 'T01' }).success).toBe(false);
    expect(reportEnvelopeSchema.safeParse({ ...s, body: { ...s.body, counts: { ...s.body.counts, late: -1 } } }).success).toBe(false);
  });
});
