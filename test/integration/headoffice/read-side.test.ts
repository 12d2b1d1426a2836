import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, adminGet, movableClock, push, startHeadOffice, supervisorEnvelope, technicianEnvelope, type RunningHeadOffice } from './harness';

const NOW = new Date('2026-03-04T02:00:00.000Z');

describe.each(BACKENDS)('head-office read side on $name', (backend) => {
  let ho: RunningHeadOffice;
  let drop: () => Promise<void>;
  const clock = movableClock(NOW);

  beforeAll(async () => {
    const created = await backend.create();
    drop = created.drop;
    ho = await startHeadOffice(created.store, clock);
    const send = async (e: Parameters<typeof push>[1], secret = ho.secret, branch?: string) => {
      const a = await push(ho.baseUrl, e, { secret, now: clock.now(), ...(branch ? { branch } : {}) });
      if (a.status !== 200) throw new Error(JSON.stringify(a));
    };
    await send(technicianEnvelope({ tech: 'T01', minutesA: 90 }));
    await send(technicianEnvelope({ tech: 'T01', minutesA: 120, revision: 2 }));
    await send(technicianEnvelope({ tech: 'T02', date: '2026-03-03' }));
    await send(supervisorEnvelope({ late: 1 }));
    await send(supervisorEnvelope({ late: 2, revision: 2 }));
    await send(supervisorEnvelope({ date: '2026-03-03', late: 3 }));
    await send(supervisorEnvelope({ branch: 'BJ01', late: 5 }), ho.otherSecret, 'BJ01');
    // A name typed at a branch is text on the page, never markup.
    await send({ ...supervisorEnvelope({ date: '2026-02-20' }), signedBy: '<a href="javascript:alert(1)">x</a>' });
  });
  afterAll(async () => {
    await ho?.stop();
    await drop?.();
  });

  it('refuses the read side without an admin token', async () => {
    const response = await fetch(`${ho.baseUrl}/api/v1/reports?date=2026-03-02`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized', reason: 'admin_token_required' });
    const wrong = await fetch(`${ho.baseUrl}/api/v1/hours?date=2026-03-02`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('lists the latest revision of each report by day, branch and technician, or every revision', async () => {
    const day = JSON.parse((await adminGet(ho, '/api/v1/reports?date=2026-03-02')).text) as { reports: { branchCode: string; kind: string; technicianCode: string | null; revision: number; isLatest: boolean; id: number }[] };
    expect(day.reports.map((r) => `${r.branchCode}/${r.kind}/${r.technicianCode ?? '-'}/r${r.revision}`)).toEqual(['BJ01/supervisor/-/r1', 'SH02/supervisor/-/r2', 'SH02/technician/T01/r2']);
    expect(day.reports.every((r) => r.isLatest)).toBe(true);

    const all = JSON.parse((await adminGet(ho, '/api/v1/reports?from=2026-03-01&to=2026-03-31&branch=SH02&technician=T01&revisions=all')).text) as { reports: { revision: number; isLatest: boolean; id: number }[] };
    expect(all.reports.map((r) => [r.revision, r.isLatest])).toEqual([[1, false], [2, true]]);

    const detail = JSON.parse((await adminGet(ho, `/api/v1/reports/${all.reports[0]!.id}`)).text) as { envelope: { body: { totalsByCategory: { A: number } } } };
    expect(detail.envelope.body.totalsByCategory.A).toBe(90);
    expect((await adminGet(ho, '/api/v1/reports/999999')).status).toBe(404);
    expect((await adminGet(ho, '/api/v1/reports')).status).toBe(400);
    expect((await adminGet(ho, '/api/v1/reports?date=2026-3-2')).status).toBe(400);
  });

  it('sums hours by category from the latest revisions', async () => {
    const { hours } = JSON.parse((await adminGet(ho, '/api/v1/hours?from=2026-03-02&to=2026-03-03&branch=SH02')).text) as { hours: Record<string, unknown>[] };
    // Two SH02 supervisor reports (03-03 r1, 03-02 r2), each with T01 and T02.
    expect(hours).toEqual([
      { branchCode: 'SH02', technicianCode: 'T01', technicianName: '张伟T01', A: 180, B: 0, C: 90, D: 60, total: 330 },
      { branchCode: 'SH02', technicianCode: 'T02', technicianName: '李娜T02', A: 0, B: 240, C: 0, D: 120, total: 360 },
    ]);
    const own = JSON.parse((await adminGet(ho, '/api/v1/hours?date=2026-03-02&kind=technician')).text) as { hours: Record<string, unknown>[] };
    expect(own.hours).toEqual([{ branchCode: 'SH02', technicianCode: 'T01', technicianName: '张伟T01', A: 120, B: 0, C: 45, D: 30, total: 195 }]);
  });

  it('reports late calls per branch and day, and exports CSV', async () => {
    const { days } = JSON.parse((await adminGet(ho, '/api/v1/late-calls?from=2026-03-02&to=2026-03-03')).text) as { days: { branchCode: string; reportDate: string; late: number }[] };
    expect(days.map((d) => [d.reportDate, d.branchCode, d.late])).toEqual([['2026-03-02', 'BJ01', 5], ['2026-03-02', 'SH02', 2], ['2026-03-03', 'SH02', 3]]);

    const csv = await adminGet(ho, '/api/v1/export/hours.csv?date=2026-03-02&branch=SH02');
    expect(csv.type).toContain('text/csv');
    expect(csv.text.split('\r\n').slice(0, 2)).toEqual(['branch,technician,name,A_paid_min,B_contract_min,C_free_min,D_admin_min,total_min', 'SH02,T01,张伟T01,90,0,45,30,165']);
    // The byte-order mark Excel needs (fetch's text() hides it).
    const raw = await fetch(`${ho.baseUrl}/api/v1/export/hours.csv?date=2026-03-02`, { headers: { authorization: `Bearer ${ho.adminToken}` } });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await adminGet(ho, '/api/v1/export/late-calls.csv?date=2026-03-02')).text).toContain('SH02,2026-03-02,12,11,7,3,2,2,4');
    expect((await adminGet(ho, '/api/v1/export/reports.csv?date=2026-03-02')).text.split('\r\n')).toHaveLength(5);
  });

  it('serves the service department page after signing in with the token', async () => {
    const anonymous = await fetch(`${ho.baseUrl}/`);
    expect(await anonymous.text()).toContain('name="token"');
    expect(anonymous.headers.get('content-security-policy')).toContain("default-src 'none'");

    const bad = await fetch(`${ho.baseUrl}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=wrong', redirect: 'manual' });
    expect(bad.status).toBe(401);
    const login = await fetch(`${ho.baseUrl}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(ho.adminToken)}`, redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);

    const page = await (await fetch(`${ho.baseUrl}/?from=2026-03-02&to=2026-03-02&branch=&technician=`, { headers: { cookie } })).text();
    expect(page).toContain('服务主任日报');
    expect(page).toContain('张伟T01');
    expect(page).toContain('/api/v1/export/hours.csv?from=2026-03-02&amp;to=2026-03-02');
    const hostile = await (await fetch(`${ho.baseUrl}/?date=2026-02-20`, { headers: { cookie } })).text();
    expect(hostile).toContain('&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;');
    expect(hostile).not.toContain('javascript:alert(1)"');
    // The default range is the last week in China, which includes 03-02 and 03-03 at NOW.
    const defaultPage = await (await fetch(`${ho.baseUrl}/`, { headers: { cookie } })).text();
    expect(defaultPage).toContain('2026-03-03');
  });

  it('slows down token guessing on the sign-in form', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await fetch(`${ho.baseUrl}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=guess${i}`, redirect: 'manual' });
      statuses.push(r.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
  });
});
