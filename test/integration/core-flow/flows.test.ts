import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BranchFixture, newCustomer, newProduct, requestId, SIGNED } from './branch-fixture';

/** Every path of the repair-call flow in ../shared/domain.md, against a real SQLite file. */
let branch: BranchFixture;
beforeEach(async () => {
  branch = await BranchFixture.open();
});
afterEach(async () => {
  await branch.close();
});

const HOUR = 3600_000;

async function registerNew(product = newProduct(), customer = newCustomer()) {
  return branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { new: customer }, product: { new: product }, fault: '不制冷，外机有异响' });
}

describe('registering a call', () => {
  it('numbers the book without holes, proposes the category and fixes the promised arrival', async () => {
    const first = await registerNew();
    expect(first.number).toBe('BJ01-2026-000001');
    expect(first.status).toBe('registered');
    expect(first.category).toBe('C'); // bought 2026-03-01 with 12 months' warranty
    // Monday 09:00 Shanghai + 6 working hours (lunch 12:00-13:00 closed) = 16:00 = 08:00Z.
    expect(first.deadlineAt).toBe('2026-11-23T08:00:00.000Z');

    const known = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { id: first.customerId }, product: { id: first.productId }, fault: '遥控失灵' });
    expect(known.number).toBe('BJ01-2026-000002');
    const cancelled = await branch.as('clerk').ok('calls.cancel', { callId: known.id, reason: '客户自行解决' });
    expect(cancelled.status).toBe('cancelled');
    const third = await registerNew(newProduct({ serial: 'SN-X3' }));
    expect(third.number).toBe('BJ01-2026-000003'); // the cancelled call keeps its number
    // The book is searched by a number's prefix, typed in any case.
    const byNumber = async (query: string) => (await branch.as('clerk').ok('calls.list', { query })).calls.map((c) => c.number);
    expect(await byNumber('bj01-2026-00000')).toEqual(['BJ01-2026-000003', 'BJ01-2026-000002', 'BJ01-2026-000001']);
    expect(await byNumber('BJ01-2026-000002')).toEqual(['BJ01-2026-000002']);
    expect(await byNumber('BJ01-2026-0000_2')).toEqual([]);
  });

  it('a suburb customer gets 7 working hours, an out-of-warranty product category A, a contract B', async () => {
    const suburb = await registerNew(newProduct({ purchaseDate: '2020-01-01' }), newCustomer({ district: 'suburb', phones: ['13900001111'] }));
    expect(suburb.category).toBe('A');
    expect(suburb.deadlineAt).toBe('2026-11-23T09:00:00.000Z'); // 17:00 Shanghai
    const contract = await registerNew(newProduct({ purchaseDate: '2019-05-01', serial: 'SN-C1', contract: { number: 'HT-2026-018', start: '2026-01-01', end: '2026-12-31' } }));
    expect(contract.category).toBe('B');
    const excluded = await registerNew(newProduct({ serial: 'SN-E1', exclusions: ['selfModified'] }));
    expect(excluded.category).toBe('A');
  });

  it('an override needs a reason, and both the proposal and the override are kept', async () => {
    const customer = await branch.as('clerk').ok('customers.create', newCustomer());
    const product = await branch.as('clerk').ok('products.add', { customerId: customer.id, product: newProduct() });
    const refused = await branch.as('clerk').call('calls.register', { clientRequestId: requestId(), customer: { id: customer.id }, product: { id: product.id }, fault: '漏水', category: 'A' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.details?.fields?.[0]).toEqual({ path: 'overrideReason', messageKey: 'validation.overrideReasonRequired' });
    const calls = await branch.as('clerk').ok('calls.list', {});
    expect(calls.calls).toHaveLength(0);
    const overridden = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { id: customer.id }, product: { id: product.id }, fault: '漏水', category: 'A', overrideReason: '客户摔落，人为损坏' });
    expect(overridden).toMatchObject({ category: 'A', proposedCategory: 'C', overrideReason: '客户摔落，人为损坏' });
    expect(overridden.events.map((e) => e.event)).toEqual(['registered', 'categoryOverridden']);
  });

  it('the same client request id twice registers one call (double click, network retry)', async () => {
    const input = { clientRequestId: requestId(), customer: { new: newCustomer() }, product: { new: newProduct() }, fault: '不开机' };
    const [a, b] = await Promise.all([branch.as('clerk').ok('calls.register', input), branch.as('clerk').ok('calls.register', input)]);
    expect(a.id).toBe(b.id);
    expect((await branch.as('clerk').ok('calls.list', {})).calls).toHaveLength(1);
  });

  it('finds the customer by phone fragment, name fragment, pinyin initials and serial', async () => {
    await registerNew(newProduct({ serial: 'HX9988776' }), newCustomer({ name: '王小明', phones: ['13812345678'] }));
    await registerNew(newProduct({ serial: 'ZZ0001' }), newCustomer({ name: '李娜', phones: ['010-88889999'] }));
    const names = async (query: string) => (await branch.as('clerk').ok('customers.search', { query, limit: 10 })).map((c) => c.name);
    expect(await names('2345')).toEqual(['王小明']);
    expect(await names('小明')).toEqual(['王小明']);
    expect(await names('王')).toEqual(['王小明']);
    expect(await names('李娜')).toEqual(['李娜']);
    expect(await names('wxm')).toEqual(['王小明']);
    expect(await names('9988')).toEqual(['王小明']);
    expect(await names('hx99')).toEqual(['王小明']);
    expect(await names('8888')).toEqual(['李娜']);
  });
});

describe('the flow of a call', () => {
  it('on site, paid, with cash: dispatched, arrived, finished with a signature, closed', async () => {
    const call = await registerNew(newProduct({ purchaseDate: '2018-01-01' }));
    expect(call.category).toBe('A');
    const dispatched = await branch.as('super').ok('calls.dispatch', { callId: call.id, technicianId: branch.id('zhang') });
    expect(dispatched).toMatchObject({ status: 'dispatched', technician: { name: '张伟' } });
    // The other technician cannot record work on it.
    const notHis = await branch.as('liu').call('calls.arrive', { callId: call.id });
    expect(notHis.ok || notHis.error.code).toBe('FORBIDDEN');
    branch.clock.advanceMs(2 * HOUR);
    await branch.as('zhang').ok('calls.arrive', { callId: call.id });
    const unpaid = await branch.as('zhang').call('calls.finishOnSite', { callId: call.id, workDone: '更换电容', startedAt: '2026-11-23T03:00:00.000Z', endedAt: '2026-11-23T03:40:00.000Z', parts: [{ partNo: 'C-35', name: '启动电容', quantity: 1, unitPriceFen: 4500 }], labourFeeFen: 8000, payment: null, signature: SIGNED });
    expect(unpaid.ok || unpaid.error.details?.fields?.[0]?.path).toBe('payment');
    const finished = await branch.as('zhang').ok('calls.finishOnSite', { callId: call.id, workDone: '更换电容', startedAt: '2026-11-23T03:00:00.000Z', endedAt: '2026-11-23T03:40:00.000Z', parts: [{ partNo: 'C-35', name: '启动电容', quantity: 1, unitPriceFen: 4500 }], labourFeeFen: 8000, payment: 'cash', signature: SIGNED });
    expect(finished).toMatchObject({ status: 'finishedOnSite', labourFeeFen: 8000, partsFeeFen: 4500, payment: 'cash', isLate: false });
    expect(finished.voucherEntries).toHaveLength(1);
    expect(finished.voucherEntries[0]).toMatchObject({ kind: 'finishedOnSite', feeFen: 12500, signerName: '王小明', hasSignatureImage: true, partsText: '启动电容 ×1' });
    const cashier = await branch.as('clerk').ok('cashier.day', { date: '2026-11-23' });
    expect(cashier).toMatchObject({ cashTotalFen: 12500, invoiceTotalFen: 0 });
    expect(cashier.cash[0]).toMatchObject({ callNumber: call.number, technicianName: '张伟' });
    const closed = await branch.as('clerk').ok('calls.close', { callId: call.id });
    expect(closed.status).toBe('closed');
    expect(closed.events.map((e) => e.event)).toEqual(['registered', 'dispatched', 'arrived', 'finishedOnSite', 'closed']);
    // A closed call is read-only, in the API and in SQL.
    const again = await branch.as('clerk').call('calls.cancel', { callId: call.id, reason: 'x' });
    expect(again.ok || again.error.code).toBe('INVALID_TRANSITION');
    expect(() => branch.app.sqlite.prepare("UPDATE calls SET fault = 'changed' WHERE id = ?").run(call.id)).toThrow(/read-only record/);
  });

  it('on site under contract: no fee is charged, late arrival is flagged and counted', async () => {
    const call = await registerNew(newProduct({ purchaseDate: '2019-05-01', contract: { number: 'HT-1', start: '2026-01-01', end: '2026-12-31' } }));
    await branch.as('super').ok('calls.dispatch', { callId: call.id, technicianId: branch.id('liu') });
    branch.clock.advanceMs(8 * HOUR); // Monday 17:00: past the 16:00 promise
    const arrived = await branch.as('liu').ok('calls.arrive', { callId: call.id });
    expect(arrived.isLate).toBe(true);
    const fee = await branch.as('liu').call('calls.finishOnSite', { callId: call.id, workDone: '保养清洗', startedAt: '2026-11-23T09:00:00.000Z', endedAt: '2026-11-23T09:30:00.000Z', parts: [], labourFeeFen: 5000, payment: 'cash', signature: SIGNED });
    expect(fee.ok || fee.error.details?.fields?.[0]?.messageKey).toBe('validation.feeOnlyForPaid');
    const done = await branch.as('liu').ok('calls.finishOnSite', { callId: call.id, workDone: '保养清洗', startedAt: '2026-11-23T09:00:00.000Z', endedAt: '2026-11-23T09:30:00.000Z', parts: [{ partNo: 'F-1', name: '滤网', quantity: 2, unitPriceFen: 1500 }], labourFeeFen: 0, payment: null, signature: { signerName: '王小明' } });
    expect(done).toMatchObject({ category: 'B', labourFeeFen: 0, partsFeeFen: 0, payment: null });
    const late = await branch.as('clerk').ok('calls.list', { filter: 'late' });
    expect(late.calls.map((c) => c.id)).toEqual([call.id]);
  });

  it('warranty take-in with parts: receipt, ledger, repair card, sign-off, return, receipt voided, closed', async () => {
    const call = await registerNew();
    await branch.as('super').ok('calls.dispatch', { callId: call.id, technicianId: branch.id('zhang') });
    await branch.as('zhang').ok('calls.arrive', { callId: call.id });
    const taken = await branch.as('zhang').ok('calls.takeIn', { callId: call.id, condition: '外壳有划痕', accessories: '遥控器一个', promisedDate: '2026-11-27', signature: SIGNED });
    expect(taken).toMatchObject({ status: 'takenIn', receiptNumber: 'BJ01-R2026-000001' });
    const cardId = taken.repairCardId!;
    const inShop = await branch.as('clerk').ok('goods.list', { state: 'inShop' });
    expect(inShop.map((g) => g.receiptNumber)).toEqual(['BJ01-R2026-000001']);

    const tooEarly = await branch.as('super').call('repairCards.signOff', { cardId });
    expect(tooEarly.ok || tooEarly.error.details?.reasonKey).toBe('reasons.noLabourLine');
    await branch.as('zhang').ok('repairCards.addLabour', { cardId, startedAt: '2026-11-24T01:00:00.000Z', endedAt: '2026-11-24T02:30:00.000Z', note: '拆机检测' });
    await branch.as('zhang').ok('repairCards.addPart', { cardId, part: { partNo: 'PCB-35', name: '主控板', quantity: 1, serial: 'PCB77821', unitPriceFen: 38000 } });
    await branch.as('zhang').ok('repairCards.recordFindings', { cardId, findings: '主控板烧毁，已更换', cause: '电压不稳' });
    const clerkSign = await branch.as('clerk').call('repairCards.signOff', { cardId });
    expect(clerkSign.ok || clerkSign.error.code).toBe('FORBIDDEN');
    const notYet = await branch.as('clerk').call('goods.return', { receipt: { number: 'BJ01-R2026-000001' }, signature: SIGNED, labourFeeFen: 0, payment: null });
    expect(notYet.ok || notYet.error.details?.reasonKey).toBe('reasons.cardNotSignedOff');
    const signed = await branch.as('super').ok('repairCards.signOff', { cardId });
    expect(signed.signedOffBy).toBe('王建国');
    // After sign-off: no edits, only amendment lines.
    const edit = await branch.as('zhang').call('repairCards.recordFindings', { cardId, findings: '改', cause: '改' });
    expect(edit.ok || edit.error.code).toBe('READ_ONLY');
    const amended = await branch.as('zhang').ok('repairCards.addPart', { cardId, part: { partNo: 'S-1', name: '螺丝', quantity: 4, unitPriceFen: 0 } });
    expect(amended.parts.map((p) => p.isAmendment)).toEqual([false, true]);
    expect(() => branch.app.sqlite.prepare('UPDATE repair_parts SET quantity = 9 WHERE card_id = ?').run(cardId)).toThrow(/read-only record/);

    const returned = await branch.as('clerk').ok('goods.return', { receipt: { number: 'bj01-r2026-000001' }, signature: SIGNED, labourFeeFen: 0, payment: null });
    expect(returned).toMatchObject({ receiptStatus: 'voided', dateOut: '2026-11-23' });
    const twice = await branch.as('clerk').call('goods.return', { receipt: { number: 'BJ01-R2026-000001' }, signature: SIGNED, labourFeeFen: 0, payment: null });
    expect(twice.ok || twice.error.details?.reasonKey).toBe('reasons.receiptAlreadyVoided');
    expect(await branch.as('clerk').ok('goods.checkReceipts', {})).toEqual({ issued: 1, outstanding: 0, voided: 1, problems: [] });
    const closed = await branch.as('clerk').ok('calls.close', { callId: call.id });
    expect(closed.voucherEntries.map((v) => v.kind)).toEqual(['takenIn', 'returned']);
  });

  it('overdue repair: flagged past the promised date, the technician asks the supervisor for help', async () => {
    const call = await registerNew();
    await branch.as('super').ok('calls.dispatch', { callId: call.id, technicianId: branch.id('zhang') });
    await branch.as('zhang').ok('calls.arrive', { callId: call.id });
    const taken = await branch.as('zhang').ok('calls.takeIn', { callId: call.id, condition: '正常', accessories: '无', promisedDate: '2026-11-24', signature: SIGNED });
    branch.clock.advanceMs(3 * 24 * HOUR);
    const overdue = await branch.as('super').ok('repairCards.list', { state: 'overdue' });
    expect(overdue.map((c) => c.id)).toEqual([taken.repairCardId]);
    expect((await branch.as('clerk').ok('goods.list', { state: 'overdue' }))[0]?.isOverdue).toBe(true);
    const liuAsks = await branch.as('liu').call('repairCards.askForHelp', { cardId: taken.repairCardId!, note: 'x' });
    expect(liuAsks.ok || liuAsks.error.code).toBe('FORBIDDEN');
    await branch.as('zhang').ok('repairCards.askForHelp', { cardId: taken.repairCardId!, note: '缺主板，需要主任协调调货' });
    const help = await branch.as('super').ok('repairCards.list', { state: 'helpRequested' });
    expect(help[0]?.helpNote).toBe('缺主板，需要主任协调调货');
  });

  it('lost receipt: only the supervisor voids it, noting the ID seen', async () => {
    const call = await registerNew(newProduct({ purchaseDate: '2015-01-01' }));
    await branch.as('super').ok('calls.dispatch', { callId: call.id, technicianId: branch.id('zhang') });
    await branch.as('zhang').ok('calls.arrive', { callId: call.id });
    const taken = await branch.as('zhang').ok('calls.takeIn', { callId: call.id, condition: '正常', accessories: '无', promisedDate: '2026-11-25', signature: SIGNED });
    await branch.as('zhang').ok('repairCards.addLabour', { cardId: taken.repairCardId!, startedAt: '2026-11-23T05:00:00.000Z', endedAt: '2026-11-23T06:00:00.000Z', note: '' });
    await branch.as('super').ok('repairCards.signOff', { cardId: taken.repairCardId! });
    const lost = { lost: { callId: call.id, idSeen: '身份证 110108199001011234', note: '客户收据遗失' } };
    const byClerk = await branch.as('clerk').call('goods.return', { receipt: lost, signature: SIGNED, labourFeeFen: 6000, payment: 'invoice' });
    expect(byClerk.ok || byClerk.error.details?.reasonKey).toBe('reasons.lostReceiptNeedsSupervisor');
    const back = await branch.as('super').ok('goods.return', { receipt: lost, signature: SIGNED, labourFeeFen: 6000, payment: 'invoice' });
    expect(back.receiptStatus).toBe('voided');
    const row = branch.app.sqlite.prepare('SELECT void_reason, lost_id_seen FROM receipts WHERE call_id = ?').get(call.id);
    expect(row).toEqual({ void_reason: 'lost', lost_id_seen: '身份证 110108199001011234' });
    const cashier = await branch.as('clerk').ok('cashier.day', { date: '2026-11-23' });
    expect(cashier.invoiceTotalFen).toBe(6000);
  });

  it('cancelled call: keeps its number and reason; cannot be dispatched; taken-in goods cannot be cancelled', async () => {
    const call = await registerNew();
    const cancelled = await branch.as('clerk').ok('calls.cancel', { callId: call.id, reason: '客户取消' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '客户取消', number: 'BJ01-2026-000001' });
    const dispatch = await branch.as('super').call('calls.dispatch', { callId: call.id, technicianId: branch.id('zhang') });
    expect(dispatch.ok || dispatch.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { reasonKey: 'transitions.dispatch', params: { status: 'cancelled' } } });

    const other = await registerNew(newProduct({ serial: 'S2' }));
    await branch.as('super').ok('calls.dispatch', { callId: other.id, technicianId: branch.id('zhang') });
    await branch.as('zhang').ok('calls.arrive', { callId: other.id });
    await branch.as('zhang').ok('calls.takeIn', { callId: other.id, condition: '正常', accessories: '无', promisedDate: '2026-11-25', signature: SIGNED });
    const cancelTaken = await branch.as('clerk').call('calls.cancel', { callId: other.id, reason: 'x' });
    expect(cancelTaken.ok || cancelTaken.error.code).toBe('INVALID_TRANSITION');
  });

  it('dispatch board: a call forgotten for months is late by at most the last 7 days of working time', async () => {
    const forgotten = await registerNew(newProduct({ serial: 'OLD-M' }));
    branch.clock.advanceMs(90 * 24 * HOUR);
    const recent = await registerNew(newProduct({ serial: 'NEW-M' }));
    branch.clock.advanceMs(45 * 24 * HOUR);
    const board = await branch.as('super').ok('calls.dispatchBoard', {});
    const [old, newer] = [board.calls.find((c) => c.id === forgotten.id)!, board.calls.find((c) => c.id === recent.id)!];
    // Both far past a week: the same bounded lateness, still sorted by their real deadlines.
    expect(old.workingMinutesLeft).toBeLessThan(0);
    expect(old.workingMinutesLeft).toBe(newer.workingMinutesLeft);
    expect(-old.workingMinutesLeft).toBeLessThanOrEqual(7 * 9 * 60);
    expect(board.calls.map((c) => c.id)).toEqual([forgotten.id, recent.id]);
  });

  it('dispatch board: carried-over calls first, then by deadline; re-dispatch keeps the history', async () => {
    const yesterday = await registerNew(newProduct({ serial: 'OLD1' }));
    branch.clock.advanceMs(24 * HOUR); // Tuesday 09:00
    const suburb = await registerNew(newProduct({ serial: 'NEW1' }), newCustomer({ district: 'suburb', phones: ['13700000001'] }));
    const city = await registerNew(newProduct({ serial: 'NEW2' }), newCustomer({ phones: ['13700000002'] }));
    const board = await branch.as('super').ok('calls.dispatchBoard', {});
    expect(board.calls.map((c) => c.id)).toEqual([yesterday.id, city.id, suburb.id]);
    expect(board.calls[0]?.carriedOver).toBe(true);
    // Working minutes, not wall-clock: Monday's 16:00 promise, seen at Tuesday 09:00, is 2 working hours gone
    // (16:00-17:30 and 08:30-09:00); the city call just registered has all its 6 hours.
    expect(board.calls.map((c) => c.workingMinutesLeft)).toEqual([-120, 360, 420]);
    expect(board.total).toBe(3);
    // A page at a time, in the same order, with the same countdowns: pages neither repeat nor skip a call.
    const first = await branch.as('super').ok('calls.dispatchBoard', { limit: 2 });
    const second = await branch.as('super').ok('calls.dispatchBoard', { offset: 2, limit: 2 });
    expect([first.total, second.total, second.offset]).toEqual([3, 3, 2]);
    expect([...first.calls, ...second.calls]).toEqual(board.calls);
    const past = await branch.as('super').ok('calls.dispatchBoard', { offset: 3 });
    expect([past.calls, past.total]).toEqual([[], 3]);
    const refused = await branch.as('super').call('calls.dispatchBoard', { offset: -1 });
    expect(refused.ok || refused.error.code).toBe('INVALID_INPUT');
    await branch.as('super').ok('calls.dispatch', { callId: city.id, technicianId: branch.id('zhang') });
    const re = await branch.as('super').ok('calls.dispatch', { callId: city.id, technicianId: branch.id('liu') });
    expect(re.technician?.name).toBe('刘洋');
    expect(re.events.map((e) => e.event)).toEqual(['registered', 'dispatched', 'redispatched']);
    const loads = (await branch.as('super').ok('technicians.list', {})).map((t) => [t.name, t.openCalls]);
    expect(loads).toEqual([['刘洋', 1], ['张伟', 0]]);
    const check = await branch.as('clerk').ok('day.check', { date: '2026-11-24' });
    expect(check.notDispatched.map((c) => c.id).sort()).toEqual([yesterday.id, suburb.id].sort());
    expect(check.stillOut.map((c) => c.id)).toEqual([city.id]);
  });
});
