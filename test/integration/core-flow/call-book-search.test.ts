import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../../src-shared/contract/calls';
import { BranchFixture, newCustomer, newProduct, requestId } from './branch-fixture';

/**
 * The call-log book searched and filtered the way the clerk does it, on a real SQLite file: calls of
 * the matching customers newest first, filters combined with the search, and pages that neither repeat
 * nor skip a call. The oracle is the registered calls themselves, kept by the test.
 */
let branch: BranchFixture;
const registered: Array<{ id: number; number: string; customer: string; phone: string; status: string }> = [];

const NAMES = ['王小明', '王晓红', '李小明', '张伟', '王建'];
const PHONES = ['13800001111', '13800002222', '13911113333', '13722224444', '13800005555'];

beforeAll(async () => {
  branch = await BranchFixture.open();
  const customers: Array<{ id: number; productId: number; name: string; phone: string }> = [];
  for (const [i, name] of NAMES.entries()) {
    const c = await branch.as('clerk').ok('customers.create', newCustomer({ name, phones: [PHONES[i]!] }));
    const p = await branch.as('clerk').ok('products.add', { customerId: c.id, product: newProduct({ serial: `SN-B${i}` }) });
    customers.push({ id: c.id, productId: p.id, name, phone: PHONES[i]! });
  }
  // Calls interleaved across customers, so a customer's calls are not contiguous in the book.
  for (let round = 0; round < 7; round++) {
    for (const c of customers) {
      if ((round + c.id) % 3 === 0) continue;
      const call = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { id: c.id }, product: { id: c.productId }, fault: `第${round}次` });
      registered.push({ id: call.id, number: call.number, customer: c.name, phone: c.phone, status: call.status });
    }
  }
  // Some cancelled, to filter by status.
  for (const r of registered.filter((_, i) => i % 4 === 1)) {
    await branch.as('clerk').ok('calls.cancel', { callId: r.id, reason: '客户自行解决' });
    r.status = 'cancelled';
  }
});
afterAll(async () => {
  await branch.close();
});

const newestFirst = (rows: typeof registered) => rows.map((r) => r.id).sort((a, b) => b - a);

async function allPages(input: { query?: string; status?: 'cancelled' | 'registered' }, limit: number): Promise<CallSummary[][]> {
  const pages: CallSummary[][] = [];
  let beforeId: number | undefined;
  for (;;) {
    const page = await branch.as('clerk').ok('calls.list', { ...input, limit, ...(beforeId ? { beforeId } : {}) });
    pages.push(page.calls);
    if (page.nextBeforeId === null) return pages;
    beforeId = page.nextBeforeId;
  }
}

describe('searching the call-log book', () => {
  it('finds the calls of every customer whose name holds the fragment, newest first', async () => {
    const found = await branch.as('clerk').ok('calls.list', { query: '小明' });
    expect(found.calls.map((c) => c.id)).toEqual(newestFirst(registered.filter((r) => r.customer.includes('小明'))));
    expect(new Set(found.calls.map((c) => c.customerName))).toEqual(new Set(['王小明', '李小明']));
  });

  it('finds by phone fragment and carries the joined customer, product and phone on each row', async () => {
    const found = await branch.as('clerk').ok('calls.list', { query: '138000' });
    const expected = registered.filter((r) => r.phone.startsWith('138000'));
    expect(found.calls.map((c) => c.id)).toEqual(newestFirst(expected));
    for (const c of found.calls) {
      const r = registered.find((x) => x.id === c.id)!;
      expect(c).toMatchObject({ number: r.number, customerName: r.customer, phone: r.phone, status: r.status });
      expect(c.serial).toMatch(/^SN-B\d$/);
    }
  });

  it('combines a search with a status filter before cutting the page', async () => {
    const found = await branch.as('clerk').ok('calls.list', { query: '王', status: 'cancelled', limit: 3 });
    const expected = newestFirst(registered.filter((r) => r.customer.startsWith('王') && r.status === 'cancelled'));
    expect(expected.length).toBeGreaterThan(3);
    expect(found.calls.map((c) => c.id)).toEqual(expected.slice(0, 3));
    expect(found.nextBeforeId).toBe(expected[2]);
  });

  it('pages through a search without repeating or skipping a call', async () => {
    const pages = await allPages({ query: '王' }, 4);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((p) => p.length <= 4)).toBe(true);
    expect(pages.flat().map((c) => c.id)).toEqual(newestFirst(registered.filter((r) => r.customer.startsWith('王'))));
  });

  it('pages through the whole book the same way', async () => {
    const pages = await allPages({}, 7);
    expect(pages.flat().map((c) => c.id)).toEqual(newestFirst(registered));
  });

  it('answers an empty page for a fragment nobody has', async () => {
    expect(await branch.as('clerk').ok('calls.list', { query: '欧阳' })).toEqual({ calls: [], nextBeforeId: null });
  });
});
