import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BranchFixture, newCustomer, newProduct, requestId } from '../core-flow/branch-fixture';
import { snapshotTables } from '../../helpers/snapshot';

/**
 * A full disk, made real with a size-limited database (`PRAGMA max_page_count`; SQLite answers
 * SQLITE_FULL exactly as it does when the disk has no room): the failing operation is refused with
 * STORAGE_FULL and leaves nothing half-written, the app keeps answering, and once there is room again
 * the same request goes through.
 */
let branch: BranchFixture;
beforeAll(async () => {
  branch = await BranchFixture.open();
});
afterAll(async () => {
  await branch.close();
});

const registerInput = (n: number) => ({
  clientRequestId: requestId(),
  // Long enough text that each call needs fresh pages soon.
  customer: { new: newCustomer({ name: `满盘客户${n}`, phones: [`1380000${String(n).padStart(4, '0')}`], address: `北京市海淀区学院路${n}号院${'楼'.repeat(150)}` }) },
  product: { new: newProduct({ serial: `FULL-${n}-${'x'.repeat(40)}` }) },
  fault: `不制冷${'，外机异响'.repeat(40)}`,
});

describe('a full disk', () => {
  it('refuses the operation with STORAGE_FULL, writes nothing of it, keeps answering, and resumes once there is room', async () => {
    const { sqlite } = branch.app;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    // A little room: some calls fit, then the file is full.
    sqlite.pragma(`max_page_count = ${pages + 12}`);

    let accepted = 0;
    let refusal: { code: string; messageKey: string } | null = null;
    let failedInput = registerInput(-1);
    let before = snapshotTables(sqlite);
    for (let n = 0; n < 500 && !refusal; n++) {
      before = snapshotTables(sqlite);
      const input = registerInput(n);
      const result = await branch.as('clerk').call('calls.register', input);
      if (result.ok) accepted++;
      else {
        refusal = result.error;
        failedInput = input;
      }
    }
    expect(refusal).toEqual({ code: 'STORAGE_FULL', messageKey: 'errors.STORAGE_FULL' });
    expect(accepted).toBeGreaterThan(0);

    // Nothing of the failed operation: every table (the audit log too) exactly as before it.
    expect(snapshotTables(sqlite)).toEqual(before);
    expect(sqlite.prepare('SELECT count(*) AS n FROM calls WHERE client_request_id = ?').get(failedInput.clientRequestId)).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: accepted });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);

    // Still answering: reads, sign-in, and writes that need no new page are refused cleanly or succeed.
    const list = await branch.as('clerk').call('calls.list', {});
    expect(list.ok).toBe(true);
    expect((await branch.as('admin').call('audit.verifyChain', {})).ok && 'chain checked').toBe('chain checked');
    const again = await branch.as('clerk').call('calls.register', registerInput(9_999));
    expect(again.ok ? 'ok' : again.error.code).toBe('STORAGE_FULL');
    // A refusal whose audit row cannot be written is still the refusal the caller was due: deny until
    // the audit log's last page is full and a denial's row no longer fits.
    const auditRows = () => (sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    let unrecorded = 0;
    for (let i = 0; i < 2000 && unrecorded === 0; i++) {
      const rowsBefore = auditRows();
      const denied = await branch.as('zhang').call('calls.dispatch', { callId: 1, technicianId: branch.id('zhang') });
      expect(denied.ok ? 'ok' : denied.error.code).toBe('FORBIDDEN');
      if (auditRows() === rowsBefore) unrecorded++;
    }
    expect(unrecorded).toBe(1);

    // Room again: the very request that failed goes through, once.
    sqlite.pragma('max_page_count = 1073741823');
    const retried = await branch.as('clerk').call('calls.register', failedInput);
    expect(retried.ok, JSON.stringify(retried)).toBe(true);
    expect(sqlite.prepare('SELECT count(*) AS n FROM calls WHERE client_request_id = ?').get(failedInput.clientRequestId)).toEqual({ n: 1 });
    expect((await branch.as('admin').call('audit.verifyChain', {})).ok).toBe(true);
    console.log(`disk full: ${accepted} calls accepted before the disk filled, 2 refused with STORAGE_FULL and rolled back, 1 accepted after; lost = 0`);
  });
});
