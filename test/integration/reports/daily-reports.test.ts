import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BranchFixture, newCustomer, newProduct, requestId, SIGNED } from '../core-flow/branch-fixture';

/** The technician and supervisor daily reports, signed and queued for head office in one transaction. */
let branch: BranchFixture;
beforeEach(async () => {
  branch = await BranchFixture.open(); // Monday 2026-11-23 09:00 Shanghai
});
afterEach(async () => {
  await branch.close();
});

const DAY = '2026-11-23';

/** A day's work for 张伟: one paid job on site (40 min), one warranty repair in the shop (90 min), and 30 min training. */
async function workADay() {
  const paid = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { new: newCustomer() }, product: { new: newProduct({ purchaseDate: '2018-01-01' }) }, fault: '不制冷' });
  const warranty = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { new: newCustomer({ phones: ['13900002222'] }) }, product: { new: newProduct({ serial: 'W-1' }) }, fault: '不开机' });
  for (const c of [paid, warranty]) {
    await branch.as('super').ok('calls.dispatch', { callId: c.id, technicianId: branch.id('zhang') });
    await branch.as('zhang').ok('calls.arrive', { callId: c.id });
  }
  await branch.as('zhang').ok('calls.finishOnSite', { callId: paid.id, workDone: '补充制冷剂', startedAt: '2026-11-23T02:00:00.000Z', endedAt: '2026-11-23T02:40:00.000Z', parts: [], labourFeeFen: 10000, payment: 'cash', signature: SIGNED });
  const taken = await branch.as('zhang').ok('calls.takeIn', { callId: warranty.id, condition: '正常', accessories: '无', promisedDate: '2026-11-25', signature: SIGNED });
  await branch.as('zhang').ok('repairCards.addLabour', { cardId: taken.repairCardId!, startedAt: '2026-11-23T06:00:00.000Z', endedAt: '2026-11-23T07:30:00.000Z', note: '更换电源板' });
  await branch.as('zhang').ok('reports.addAdminTask', { date: DAY, kind: 'training', minutes: 30, note: '新机型培训' });
  return { paid, warranty };
}

describe('daily reports', () => {
  it('compiles a technician’s day by category, and only he confirms it', async () => {
    const { paid, warranty } = await workADay();
    const day = await branch.as('zhang').ok('reports.technicianDay', { date: DAY });
    expect(day.status).toBe('open');
    // In time order: the training was logged at 09:00, the on-site job at 10:00, the shop repair at 14:00.
    expect(day.lines).toEqual([
      { category: 'D', minutes: 30, callNumber: null, description: '培训 training · 新机型培训' },
      { category: 'A', minutes: 40, callNumber: paid.number, description: '补充制冷剂' },
      { category: 'C', minutes: 90, callNumber: warranty.number, description: '更换电源板' },
    ]);
    expect(day.totalsByCategory).toEqual({ A: 40, B: 0, C: 90, D: 30 });
    const other = await branch.as('liu').call('reports.technicianDay', { date: DAY, technicianId: branch.id('zhang') });
    expect(other.ok || other.error.code).toBe('FORBIDDEN');
    const bySupervisor = await branch.as('super').ok('reports.technicianDay', { date: DAY, technicianId: branch.id('zhang') });
    expect(bySupervisor.totalsByCategory).toEqual(day.totalsByCategory);
  });

  it('supervisor signs only after every working technician confirmed; the manager’s signature queues both kinds for head office', async () => {
    await workADay();
    const early = await branch.as('super').call('reports.signSupervisorDay', { date: DAY });
    expect(early.ok || early.error.details?.reasonKey).toBe('reasons.techniciansNotConfirmed');
    await branch.as('zhang').ok('reports.confirmTechnicianDay', { date: DAY });
    // Sent back with a comment, then confirmed again.
    const back = await branch.as('super').ok('reports.returnTechnicianDay', { technicianId: branch.id('zhang'), date: DAY, comment: '培训时间请核对' });
    expect(back).toMatchObject({ status: 'returned', returnComment: '培训时间请核对' });
    await branch.as('zhang').ok('reports.confirmTechnicianDay', { date: DAY });

    const draft = await branch.as('super').ok('reports.supervisorDay', { date: DAY });
    expect(draft.rows).toEqual([{ technicianCode: 'zhang', technicianName: '张伟', A: 40, B: 0, C: 90, D: 30 }]);
    expect(draft.counts).toEqual({ received: 2, dispatched: 2, finishedOnSite: 1, takenIn: 1, returned: 0, late: 0, openAtDayEnd: 2 });

    const clerkSigns = await branch.as('clerk').call('reports.signSupervisorDay', { date: DAY });
    expect(clerkSigns.ok || clerkSigns.error.code).toBe('FORBIDDEN');
    await branch.as('super').ok('reports.signSupervisorDay', { date: DAY });
    const superAsManager = await branch.as('super').call('reports.managerSignDay', { date: DAY });
    expect(superAsManager.ok || superAsManager.error.code).toBe('FORBIDDEN');
    expect(branch.app.sqlite.prepare('SELECT count(*) AS n FROM sync_outbox').get()).toEqual({ n: 0 });

    const signed = await branch.as('boss').ok('reports.managerSignDay', { date: DAY });
    expect(signed).toMatchObject({ status: 'managerSigned', revision: 1, managerSignedBy: '赵立新', supervisorSignedBy: '王建国' });
    expect(signed.outbox.map((o) => [o.kind, o.revision])).toEqual([
      ['supervisor', 1],
      ['technician', 1],
    ]);
    // Final: the signed row is read-only in SQL too.
    expect(() => branch.app.sqlite.prepare("UPDATE supervisor_days SET body_json = '{}'").run()).toThrow(/read-only record/);
  });

  it('waits for exactly the technicians with work that day, whichever kind of work it is', async () => {
    const waiting = async (date: string) => (await branch.as('super').ok('reports.supervisorDay', { date })).waitingFor.map((w) => [w.name, w.status]);
    // Monday: 张伟 only an admin task; 刘洋 only shop labour on a repair card.
    const shop = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { new: newCustomer() }, product: { new: newProduct({ serial: 'W-2' }) }, fault: '不开机' });
    await branch.as('super').ok('calls.dispatch', { callId: shop.id, technicianId: branch.id('liu') });
    await branch.as('liu').ok('calls.arrive', { callId: shop.id });
    const taken = await branch.as('liu').ok('calls.takeIn', { callId: shop.id, condition: '正常', accessories: '无', promisedDate: '2026-11-25', signature: SIGNED });
    expect(await waiting(DAY)).toEqual([]);
    await branch.as('liu').ok('repairCards.addLabour', { cardId: taken.repairCardId!, startedAt: '2026-11-23T06:00:00.000Z', endedAt: '2026-11-23T07:00:00.000Z', note: '' });
    await branch.as('zhang').ok('reports.addAdminTask', { date: DAY, kind: 'inspection', minutes: 20, note: '' });
    expect(await waiting(DAY)).toEqual([
      ['张伟', 'open'],
      ['刘洋', 'open'],
    ]);
    await branch.as('zhang').ok('reports.confirmTechnicianDay', { date: DAY });
    await branch.as('super').ok('reports.returnTechnicianDay', { technicianId: branch.id('zhang'), date: DAY, comment: '请补充说明' });
    expect(await waiting(DAY)).toEqual([
      ['张伟', 'returned'],
      ['刘洋', 'open'],
    ]);
    // Tuesday: only 刘洋, a job finished on site; 张伟 did nothing and is not waited for.
    branch.clock.set(new Date('2026-11-24T01:00:00.000Z'));
    const onSite = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { new: newCustomer({ phones: ['13900003333'] }) }, product: { new: newProduct({ serial: 'W-3' }) }, fault: '漏水' });
    await branch.as('super').ok('calls.dispatch', { callId: onSite.id, technicianId: branch.id('liu') });
    await branch.as('liu').ok('calls.arrive', { callId: onSite.id });
    await branch.as('liu').ok('calls.finishOnSite', { callId: onSite.id, workDone: '更换水管', startedAt: '2026-11-24T02:00:00.000Z', endedAt: '2026-11-24T02:30:00.000Z', parts: [], labourFeeFen: 0, payment: null, signature: SIGNED });
    expect(await waiting('2026-11-24')).toEqual([['刘洋', 'open']]);
  });

  it('a correction after sending goes to head office as the next revision', async () => {
    await workADay();
    await branch.as('zhang').ok('reports.confirmTechnicianDay', { date: DAY });
    await branch.as('super').ok('reports.signSupervisorDay', { date: DAY });
    await branch.as('boss').ok('reports.managerSignDay', { date: DAY });
    // 张伟 forgot an hour of tool upkeep: the supervisor sends his day back, he adds it, everyone signs again.
    await branch.as('super').ok('reports.returnTechnicianDay', { technicianId: branch.id('zhang'), date: DAY, comment: '补录工具保养' });
    await branch.as('zhang').ok('reports.addAdminTask', { date: DAY, kind: 'toolUpkeep', minutes: 60, note: '' });
    await branch.as('zhang').ok('reports.confirmTechnicianDay', { date: DAY });
    await branch.as('super').ok('reports.signSupervisorDay', { date: DAY });
    const corrected = await branch.as('boss').ok('reports.managerSignDay', { date: DAY });
    expect(corrected.revision).toBe(2);
    expect(corrected.rows[0]).toMatchObject({ D: 90 });
    expect(corrected.outbox.map((o) => [o.kind, o.revision])).toEqual([
      ['supervisor', 1],
      ['technician', 1],
      ['supervisor', 2],
      ['technician', 2],
    ]);
  });
});
