import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BranchFixture, newCustomer, newProduct, requestId, SIGNED } from './branch-fixture';

/** 交款: the cash a technician collected on site, handed to the cashier once, against a real SQLite file. */
let branch: BranchFixture;
beforeEach(async () => {
  branch = await BranchFixture.open();
});
afterEach(async () => {
  await branch.close();
});

const DAY = '2026-11-23';

/** An out-of-warranty call finished on site by a technician, paid as told. */
async function paidJob(technician: 'zhang' | 'liu', labourFeeFen: number, payment: 'cash' | 'invoice', serial: string) {
  const call = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { new: newCustomer() }, product: { new: newProduct({ purchaseDate: '2018-01-01', serial }) }, fault: '不制热' });
  await branch.as('super').ok('calls.dispatch', { callId: call.id, technicianId: branch.id(technician) });
  await branch.as(technician).ok('calls.arrive', { callId: call.id });
  await branch.as(technician).ok('calls.finishOnSite', { callId: call.id, workDone: '更换电容', startedAt: '2026-11-23T02:00:00.000Z', endedAt: '2026-11-23T02:30:00.000Z', parts: [{ partNo: 'C-35', name: '启动电容', quantity: 1, unitPriceFen: 4500 }], labourFeeFen, payment, signature: SIGNED });
  return call;
}

const tableCounts = () => {
  const count = (table: string) => (branch.app.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { handovers: count('cash_handovers'), jobs: count('cash_handover_jobs') };
};

describe('cash handover', () => {
  it('takes every cash job of the technician that day into one record, once; invoiced jobs and other technicians stay out', async () => {
    const a = await paidJob('zhang', 8000, 'cash', 'SN-H1');
    const b = await paidJob('zhang', 3000, 'cash', 'SN-H2');
    await paidJob('zhang', 6000, 'invoice', 'SN-H3');
    await paidJob('liu', 5000, 'cash', 'SN-H4');

    const before = await branch.as('clerk').ok('cashier.day', { date: DAY });
    expect(before.outstanding).toEqual([
      { technicianId: branch.id('zhang'), technicianName: '张伟', amountFen: 12500 + 7500, jobs: 2 },
      { technicianId: branch.id('liu'), technicianName: '刘洋', amountFen: 9500, jobs: 1 },
    ]);

    const handover = await branch.as('clerk').ok('cashier.recordHandover', { date: DAY, technicianId: branch.id('zhang'), receivedFen: 20000 });
    expect(handover).toMatchObject({ technicianName: '张伟', expectedFen: 20000, receivedFen: 20000, differenceFen: 0, note: null, receivedByName: '李秀英' });
    expect(handover.jobs.map((j) => j.callNumber)).toEqual([a.number, b.number]);

    const after = await branch.as('clerk').ok('cashier.day', { date: DAY });
    expect(after.outstanding.map((o) => o.technicianName)).toEqual(['刘洋']);
    expect(after.cash.filter((l) => l.handoverId === handover.id).map((l) => l.callNumber)).toEqual([a.number, b.number]);
    expect(after.handovers).toHaveLength(1);

    // Nothing left of his: a second handover is refused and writes nothing.
    const counts = tableCounts();
    const again = await branch.as('clerk').call('cashier.recordHandover', { date: DAY, technicianId: branch.id('zhang'), receivedFen: 0 });
    expect(again.ok || again.error).toMatchObject({ code: 'CONFLICT', details: { reasonKey: 'reasons.nothingToHandOver' } });
    expect(tableCounts()).toEqual(counts);
  });

  it('a short or long count needs a note and is kept as counted', async () => {
    await paidJob('liu', 5000, 'cash', 'SN-H5');
    const noNote = await branch.as('clerk').call('cashier.recordHandover', { date: DAY, technicianId: branch.id('liu'), receivedFen: 9000 });
    expect(noNote.ok || noNote.error).toMatchObject({ code: 'INVALID_INPUT', details: { fields: [{ path: 'note', messageKey: 'validation.handoverDifferenceNote' }] } });
    expect(tableCounts()).toEqual({ handovers: 0, jobs: 0 });

    const short = await branch.as('boss').ok('cashier.recordHandover', { date: DAY, technicianId: branch.id('liu'), receivedFen: 9000, note: '少交 5 元，明日补齐' });
    expect(short).toMatchObject({ expectedFen: 9500, receivedFen: 9000, differenceFen: -500, note: '少交 5 元，明日补齐' });
  });

  it('only the cashier’s roles record it; a handover is read-only in SQL', async () => {
    await paidJob('zhang', 8000, 'cash', 'SN-H6');
    for (const who of ['zhang', 'super', 'admin'] as const) {
      const refused = await branch.as(who).call('cashier.recordHandover', { date: DAY, technicianId: branch.id('zhang'), receivedFen: 12500 });
      expect(refused.ok || refused.error.code, who).toBe('FORBIDDEN');
    }
    const notATechnician = await branch.as('clerk').call('cashier.recordHandover', { date: DAY, technicianId: branch.id('super'), receivedFen: 0 });
    expect(notATechnician.ok || notATechnician.error).toMatchObject({ code: 'NOT_FOUND', details: { reasonKey: 'entities.technician' } });

    const handover = await branch.as('clerk').ok('cashier.recordHandover', { date: DAY, technicianId: branch.id('zhang'), receivedFen: 12500 });
    expect(() => branch.app.sqlite.prepare('UPDATE cash_handovers SET received_fen = 0 WHERE id = ?').run(handover.id)).toThrow(/read-only record/);
    expect(() => branch.app.sqlite.prepare('DELETE FROM cash_handover_jobs WHERE handover_id = ?').run(handover.id)).toThrow(/read-only record/);
  });
});
