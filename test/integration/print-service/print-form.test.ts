import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BranchFixture, newCustomer, newProduct, requestId, SIGNED } from '../core-flow/branch-fixture';

/** Forms printed through the API from real records, read back with pdftotext. */
let branch: BranchFixture;
let receiptNumber: string;
let cardId: number;
let productId: number;
const OUT = 'test-output/print-service';

function pdfText(base64: string, name: string): string {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  branch = await BranchFixture.open();
  const call = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { new: newCustomer({ name: '欧阳明华', phones: ['13955556666'] }) }, product: { new: newProduct({ model: 'KFR-50LW 柜机', serial: 'GR50X2601234' }) }, fault: '开机跳闸' });
  await branch.as('super').ok('calls.dispatch', { callId: call.id, technicianId: branch.id('zhang') });
  await branch.as('zhang').ok('calls.arrive', { callId: call.id });
  const taken = await branch.as('zhang').ok('calls.takeIn', { callId: call.id, condition: '外壳轻微划痕', accessories: '遥控器、说明书', promisedDate: '2026-11-27', signature: SIGNED });
  receiptNumber = taken.receiptNumber!;
  cardId = taken.repairCardId!;
  productId = taken.productId;
  await branch.as('zhang').ok('repairCards.addLabour', { cardId, startedAt: '2026-11-23T06:00:00.000Z', endedAt: '2026-11-23T07:15:00.000Z', note: '更换压缩机电容' });
  await branch.as('zhang').ok('repairCards.addPart', { cardId, part: { partNo: 'CAP-45', name: '压缩机电容', quantity: 1, serial: 'CP889', unitPriceFen: 6500 } });
});
afterAll(async () => {
  await branch.close();
});

describe('print.form', () => {
  it('prints the customer goods receipt from the records; the second print is a reprint', async () => {
    const first = await branch.as('clerk').ok('print.form', { form: 'receipt', receiptNumber, paper: 'A5', copy: 'customer' });
    expect(first.reprintOf).toBeNull();
    const text = pdfText(first.pdfBase64, 'receipt-a5.pdf');
    for (const expected of [receiptNumber, '欧阳明华', '13955556666', 'GR50X2601234', '开机跳闸', '遥控器', '2026-11-27', '北京海淀服务站']) expect(text).toContain(expected);
    expect(text).not.toMatch(/重印/);

    branch.clock.advanceMs(60_000);
    const again = await branch.as('clerk').ok('print.form', { form: 'receipt', receiptNumber, paper: 'A5', copy: 'customer' });
    expect(again.reprintOf).toBe('2026-11-23T01:00:00.000Z'); // the instant of the first print
    expect(pdfText(again.pdfBase64, 'receipt-a5-reprint.pdf')).toMatch(/重印/);
    const audited = branch.app.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE method = 'print.form'").get();
    expect(audited).toEqual({ n: 2 });
  });

  it('prints the repair card and the voucher with their lines', async () => {
    const card = pdfText((await branch.as('zhang').ok('print.form', { form: 'repairCard', cardId })).pdfBase64, 'repair-card.pdf');
    for (const expected of [receiptNumber, '压缩机电容', 'CAP-45', '75']) expect(card).toContain(expected);
    const voucher = pdfText((await branch.as('clerk').ok('print.form', { form: 'voucher', productId })).pdfBase64, 'voucher.pdf');
    for (const expected of ['欧阳明华', 'GR50X2601234', '张伟']) expect(voucher).toContain(expected);
  });

  it('an unknown receipt is NOT_FOUND and prints nothing', async () => {
    const result = await branch.as('clerk').call('print.form', { form: 'receipt', receiptNumber: 'BJ01-R2026-999999', paper: 'A5', copy: 'shop' });
    expect(result.ok || result.error.code).toBe('NOT_FOUND');
    expect(branch.app.sqlite.prepare("SELECT count(*) AS n FROM print_log WHERE record_key LIKE 'BJ01-R2026-999999%'").get()).toEqual({ n: 0 });
  });
});
