import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthSummaryView } from '../../../src-shared/contract/reports';
import { BranchFixture, newCustomer, newProduct, requestId, SIGNED } from './branch-fixture';

/**
 * 月度汇总 on a real branch file: two days of November 2026 with known calls in several states, two
 * technicians, a late arrival, a fee, a cancelled call, goods taken in and returned, a day signed by
 * the supervisor and the manager. The numbers are exact, and checked against each day's own report.
 */
let branch: BranchFixture;
let november: MonthSummaryView;

async function register(over: { serial: string; purchaseDate: string; phone: string }) {
  return branch.as('clerk').ok('calls.register', {
    clientRequestId: requestId(),
    customer: { new: newCustomer({ phones: [over.phone] }) },
    product: { new: newProduct({ serial: over.serial, purchaseDate: over.purchaseDate }) },
    fault: '不制冷',
  });
}

/** Monday 23rd: a paid job on site with a part (zhang), a warranty call dispatched (liu), a cancelled call; the day signed. */
async function monday() {
  const paid = await register({ serial: 'P-1', purchaseDate: '2018-01-01', phone: '13900000001' });
  const warranty = await register({ serial: 'W-1', purchaseDate: '2026-03-01', phone: '13900000002' });
  const cancelled = await register({ serial: 'X-1', purchaseDate: '2026-03-01', phone: '13900000003' });
  await branch.as('clerk').ok('calls.cancel', { callId: cancelled.id, reason: '客户自行修好' });
  await branch.as('super').ok('calls.dispatch', { callId: paid.id, technicianId: branch.id('zhang') });
  await branch.as('super').ok('calls.dispatch', { callId: warranty.id, technicianId: branch.id('liu') });
  await branch.as('zhang').ok('calls.arrive', { callId: paid.id });
  await branch.as('zhang').ok('calls.finishOnSite', {
    callId: paid.id,
    workDone: '更换启动电容',
    startedAt: '2026-11-23T02:00:00.000Z',
    endedAt: '2026-11-23T02:40:00.000Z',
    parts: [{ partNo: 'CAP-1', name: '启动电容', quantity: 1, unitPriceFen: 2500 }],
    labourFeeFen: 10000,
    payment: 'cash',
    signature: SIGNED,
  });
  await branch.as('zhang').ok('reports.addAdminTask', { date: '2026-11-23', kind: 'training', minutes: 30, note: '新机型培训' });
  await branch.as('zhang').ok('reports.confirmTechnicianDay', { date: '2026-11-23' });
  await branch.as('super').ok('reports.signSupervisorDay', { date: '2026-11-23' });
  await branch.as('boss').ok('reports.managerSignDay', { date: '2026-11-23' });
  return { paid, warranty };
}

/**
 * Tuesday 24th 11:00: liu arrives late, takes the goods in, repairs them with a part, they go back; the
 * paid call is closed; zhang does a paid job to be invoiced; a new call stays open.
 */
async function tuesday(paidId: number, warrantyId: number) {
  branch.clock.set(new Date('2026-11-24T03:00:00.000Z'));
  await branch.as('liu').ok('calls.arrive', { callId: warrantyId });
  const taken = await branch.as('liu').ok('calls.takeIn', { callId: warrantyId, condition: '正常', accessories: '无', promisedDate: '2026-11-27', signature: SIGNED });
  const cardId = taken.repairCardId!;
  await branch.as('liu').ok('repairCards.addLabour', { cardId, startedAt: '2026-11-24T05:00:00.000Z', endedAt: '2026-11-24T05:45:00.000Z', note: '更换电源板' });
  await branch.as('liu').ok('repairCards.addPart', { cardId, part: { partNo: 'PSU-9', name: '电源板', quantity: 1, unitPriceFen: 0 } });
  await branch.as('liu').ok('repairCards.recordFindings', { cardId, findings: '电源板损坏', cause: '雷击' });
  await branch.as('super').ok('repairCards.signOff', { cardId });
  await branch.as('clerk').ok('goods.return', { receipt: { number: taken.receiptNumber! }, signature: SIGNED, labourFeeFen: 0, payment: null });
  await branch.as('clerk').ok('calls.close', { callId: paidId });
  await register({ serial: 'Y-1', purchaseDate: '2026-03-01', phone: '13900000004' });
  const invoiced = await register({ serial: 'Z-1', purchaseDate: '2018-01-01', phone: '13900000005' });
  await branch.as('super').ok('calls.dispatch', { callId: invoiced.id, technicianId: branch.id('zhang') });
  await branch.as('zhang').ok('calls.arrive', { callId: invoiced.id });
  const work = { workDone: '清洗', startedAt: '2026-11-24T06:00:00.000Z', endedAt: '2026-11-24T06:20:00.000Z', parts: [], signature: SIGNED };
  await branch.as('zhang').ok('calls.finishOnSite', { callId: invoiced.id, ...work, labourFeeFen: 5000, payment: 'invoice' });
}

function tableFingerprint(): string {
  const tables = branch.app.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'customer_search%'").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, branch.app.sqlite.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()]));
}

beforeAll(async () => {
  branch = await BranchFixture.open(); // Monday 2026-11-23 09:00 Shanghai
  const { paid, warranty } = await monday();
  await tuesday(paid.id, warranty.id);
  november = await branch.as('boss').ok('reports.monthSummary', { month: '2026-11' });
});
afterAll(async () => {
  await branch.close();
});

describe('reports.monthSummary', () => {
  it('counts each day from the books', () => {
    const day = (date: string) => november.days.find((d) => d.date === date);
    expect(day('2026-11-23')).toEqual({
      date: '2026-11-23', isWorkingDay: true, registered: 3, finished: 1, takenIn: 0, cancelled: 1, openAtDayEnd: 2, late: 0,
      feesFen: 12500, cashFen: 12500, partsLines: 1, report: 'managerSigned', sent: false,
    });
    expect(day('2026-11-24')).toEqual({
      date: '2026-11-24', isWorkingDay: true, registered: 2, finished: 2, takenIn: 1, cancelled: 0, openAtDayEnd: 3, late: 1,
      feesFen: 5000, cashFen: 0, partsLines: 1, report: 'unsigned', sent: false,
    });
    // Before anything happened nothing was open; after today the day's end is not known yet.
    expect(day('2026-11-20')).toMatchObject({ registered: 0, openAtDayEnd: 0, report: 'unsigned' });
    expect(day('2026-11-25')).toMatchObject({ registered: 0, openAtDayEnd: null });
    // Every working day of November 2026 (weekdays, no holiday) and no weekend without activity.
    expect(november.days).toHaveLength(21);
    expect(day('2026-11-21')).toBeUndefined();
  });

  it('totals each technician and the month', () => {
    expect(november.technicians).toEqual([
      { technician: { id: branch.id('liu'), code: 'liu', name: '刘洋' }, jobs: 1, onSite: 0, takenIn: 1, labourMinutes: 45, adminMinutes: 0, late: 1, feesFen: 0 },
      { technician: { id: branch.id('zhang'), code: 'zhang', name: '张伟' }, jobs: 2, onSite: 2, takenIn: 0, labourMinutes: 60, adminMinutes: 30, late: 0, feesFen: 17500 },
    ]);
    expect(november.totals).toEqual({
      registered: 5, finished: 3, finishedByCategory: { A: 2, B: 0, C: 1 }, onSite: 2, takenIn: 1, cancelled: 1, late: 1,
      feesFen: 17500, cashFen: 12500, partsLines: 2, labourMinutes: 105, adminMinutes: 30, openAtEnd: 3,
      workingDays: 21, daysSupervisorSigned: 1, daysManagerSigned: 1, daysSent: 0,
    });
  });

  it('agrees with each day’s supervisor report', async () => {
    for (const date of ['2026-11-23', '2026-11-24']) {
      const { counts } = await branch.as('super').ok('reports.supervisorDay', { date });
      const row = november.days.find((d) => d.date === date)!;
      expect([row.registered, row.finished, row.takenIn, row.late, row.openAtDayEnd]).toEqual([counts.received, counts.finishedOnSite + counts.returned, counts.takenIn, counts.late, counts.openAtDayEnd]);
    }
  });

  it('shows a quiet month as zeros and a month to come without open counts; the supervisor reads it too', async () => {
    const october = await branch.as('super').ok('reports.monthSummary', { month: '2026-10' });
    expect(october.technicians).toEqual([]);
    expect(october.totals).toMatchObject({ registered: 0, finished: 0, feesFen: 0, openAtEnd: 0 });
    const december = await branch.as('boss').ok('reports.monthSummary', { month: '2026-12' });
    expect(december.totals.openAtEnd).toBeNull();
    expect(december.days.every((d) => d.openAtDayEnd === null)).toBe(true);
  });

  it('refuses clerks and technicians in the main process, and bad months with a translated message; nothing changes', async () => {
    const before = tableFingerprint();
    for (const who of ['clerk', 'zhang'] as const) {
      const refused = await branch.as(who).call('reports.monthSummary', { month: '2026-11' });
      expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    }
    const audited = branch.app.sqlite.prepare("SELECT count(*) FROM audit_log WHERE method = 'reports.monthSummary' AND outcome = 'denied'").pluck().get();
    expect(audited).toBe(2);
    const auditRows = branch.app.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    for (const month of ['2026-13', '2026-1', '2026-00', '26-11', '2026-11-01']) {
      const bad = await branch.as('boss').call('reports.monthSummary', { month });
      expect(bad.ok || bad.error).toMatchObject({ code: 'INVALID_INPUT', details: { fields: [{ path: 'month', messageKey: 'validation.month' }] } });
    }
    expect(branch.app.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditRows);
    // The two denials are the only new rows anywhere.
    expect(tableFingerprint().replace(/"audit_log",\d+/, '')).toBe(before.replace(/"audit_log",\d+/, ''));
  });
});
