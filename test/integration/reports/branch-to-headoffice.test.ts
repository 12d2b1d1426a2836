import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadOfficeStore } from '../../../src-headoffice/db/open';
import { createSyncPusher } from '../../../src-main/core/sync/pusher';
import { adminGet, BACKENDS, startHeadOffice, type RunningHeadOffice } from '../headoffice/harness';
import { BranchFixture, newCustomer, newProduct, requestId, SIGNED } from '../core-flow/branch-fixture';

/**
 * The evening of a real branch: work done through the operations, the technician confirms, the
 * supervisor and the manager sign, and the pusher delivers both kinds of report to a real head office
 * on loopback, on SQLite and on PostgreSQL. Head office shows what the branch signed.
 */
describe.each(BACKENDS)('a branch’s signed day reaches head office ($name)', (backend) => {
  let branch: BranchFixture;
  let ho: RunningHeadOffice;
  let store: { store: HeadOfficeStore; drop(): Promise<void> };

  beforeAll(async () => {
    branch = await BranchFixture.open('2026-11-23T01:00:00.000Z');
    store = await backend.create();
    ho = await startHeadOffice(store.store, branch.clock);
    // BJ01 is the fixture branch's code; head office registered it as the second test branch.
    await branch.as('admin').ok('sync.configure', { headOfficeUrl: ho.baseUrl, branchSecret: ho.otherSecret });
  });
  afterAll(async () => {
    await branch?.close();
    await ho?.stop();
    await store?.drop();
  });

  it('signs, pushes and reads back the technician and supervisor reports', async () => {
    const call = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { new: newCustomer() }, product: { new: newProduct({ purchaseDate: '2017-01-01' }) }, fault: '不制冷' });
    await branch.as('super').ok('calls.dispatch', { callId: call.id, technicianId: branch.id('zhang') });
    await branch.as('zhang').ok('calls.arrive', { callId: call.id });
    await branch.as('zhang').ok('calls.finishOnSite', { callId: call.id, workDone: '补充制冷剂', startedAt: '2026-11-23T02:00:00.000Z', endedAt: '2026-11-23T02:45:00.000Z', parts: [], labourFeeFen: 12000, payment: 'invoice', signature: SIGNED });
    await branch.as('zhang').ok('reports.addAdminTask', { date: '2026-11-23', kind: 'partsHandling', minutes: 20, note: '' });
    await branch.as('zhang').ok('reports.confirmTechnicianDay', { date: '2026-11-23' });
    await branch.as('super').ok('reports.signSupervisorDay', { date: '2026-11-23' });
    await branch.as('boss').ok('reports.managerSignDay', { date: '2026-11-23' });

    const queued = await branch.as('super').ok('sync.status', {});
    expect(queued).toMatchObject({ isConfigured: true, queued: 2 });
    const pusher = createSyncPusher({ db: branch.app.db, clock: branch.clock, fetch: (url, init) => fetch(url, init), random: () => 0.5 });
    const after = await pusher.sendNow();
    expect(after).toMatchObject({ queued: 0, lastError: null });

    const listed = JSON.parse((await adminGet(ho, '/api/v1/reports?date=2026-11-23&branch=BJ01')).text) as { reports: Array<{ kind: string; revision: number; technicianCode: string | null }> };
    expect(listed.reports.map((r) => `${r.kind}/${r.technicianCode ?? '-'}/r${r.revision}`).sort()).toEqual(['supervisor/-/r1', 'technician/zhang/r1']);
    const late = JSON.parse((await adminGet(ho, '/api/v1/late-calls?date=2026-11-23')).text) as { days: Array<{ branchCode: string; received: number; late: number }> };
    expect(late.days).toEqual([expect.objectContaining({ branchCode: 'BJ01', received: 1, late: 0 })]);
    // Sending again changes nothing at head office.
    expect((await pusher.sendNow()).queued).toBe(0);
  });
});
