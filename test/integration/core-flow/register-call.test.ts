import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../src-shared/contract';
import { BranchFixture, newCustomer, newProduct, requestId } from './branch-fixture';

/**
 * calls.register on a real SQLite file: its reply is put together from what the operation read and wrote
 * (not read back), so it is held equal to calls.get of the same call; the product must be the customer's;
 * a refusal writes nothing.
 */
let branch: BranchFixture;
beforeEach(async () => {
  branch = await BranchFixture.open();
});
afterEach(async () => {
  await branch.close();
});

const TABLES = ['customers', 'customer_phones', 'customer_search', 'products', 'vouchers', 'calls', 'call_events', 'audit_log'] as const;

/** Rows per table and the calls counter: what a refused registration must leave as it was. */
function snapshot(): Record<(typeof TABLES)[number] | 'callCounter', number> {
  const count = (sql: string) => (branch.app.sqlite.prepare(sql).get() as { n: number }).n;
  const rows = Object.fromEntries(TABLES.map((t) => [t, count(`SELECT count(*) AS n FROM ${t}`)])) as Record<(typeof TABLES)[number], number>;
  return { ...rows, callCounter: count("SELECT coalesce(sum(last_seq), 0) AS n FROM book_counters WHERE book = 'calls'") };
}

type RegisterInput = InputOf<'calls.register'>;
const register = (input: Omit<RegisterInput, 'clientRequestId' | 'fault'>) => branch.as('clerk').call('calls.register', { clientRequestId: requestId(), fault: '不制冷', ...input });

async function expectReplyEqualsGet(input: Omit<RegisterInput, 'clientRequestId' | 'fault'>) {
  const reply = await register(input);
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  expect(reply.data).toEqual(await branch.as('clerk').ok('calls.get', { callId: reply.data.id }));
  return reply.data;
}

describe('the reply of calls.register', () => {
  it('is the call exactly as calls.get shows it, for new and known customers and products', async () => {
    // Several phones, one typed twice in different forms: the reply shows the one the book's summaries show.
    const first = await expectReplyEqualsGet({ customer: { new: newCustomer({ phones: ['138-1234-5678', '13812345678', '010-62551234'] }) }, product: { new: newProduct({ serial: 'sn-lower-1' }) } });
    expect(first.serial).toBe('SN-LOWER-1');
    expect(first.events.map((e) => [e.event, e.userName])).toEqual([['registered', '李秀英']]);

    const secondProduct = await expectReplyEqualsGet({ customer: { id: first.customerId }, product: { new: newProduct({ serial: 'SN-2', purchaseDate: null }) } });
    expect(secondProduct.category).toBe('A');
    await expectReplyEqualsGet({ customer: { id: first.customerId }, product: { id: first.productId } });

    const overridden = await expectReplyEqualsGet({ customer: { id: first.customerId }, product: { id: secondProduct.productId }, category: 'C', overrideReason: '客户出示发票' });
    expect(overridden.events.map((e) => e.event)).toEqual(['registered', 'categoryOverridden']);
    expect(overridden).toMatchObject({ category: 'C', proposedCategory: 'A', overrideReason: '客户出示发票' });

    const suburb = await expectReplyEqualsGet({ customer: { new: newCustomer({ name: '赵四', district: 'suburb', phones: ['13900002222'] }) }, product: { new: newProduct({ serial: 'SN-S1' }) } });
    expect(suburb.district).toBe('suburb');
  });

  it('a retried request returns the first call and writes nothing more', async () => {
    const input = { clientRequestId: requestId(), customer: { new: newCustomer() }, product: { new: newProduct() }, fault: '漏水' };
    const first = await branch.as('clerk').ok('calls.register', input);
    const before = snapshot();
    expect(await branch.as('clerk').ok('calls.register', input)).toEqual(first);
    expect(snapshot()).toEqual({ ...before, audit_log: before.audit_log + 1 });
  });
});

describe('the product must be the customer’s', () => {
  it("refuses another customer's product, or one that does not exist, with productNotOfCustomer and writes nothing", async () => {
    const wang = await branch.as('clerk').ok('customers.create', newCustomer());
    const li = await branch.as('clerk').ok('customers.create', newCustomer({ name: '李四', phones: ['13700003333'] }));
    const wangsProduct = await branch.as('clerk').ok('products.add', { customerId: wang.id, product: newProduct() });
    await branch.as('clerk').ok('products.add', { customerId: li.id, product: newProduct({ serial: 'SN-LI' }) });
    const before = snapshot();
    const refusals = [
      await register({ customer: { id: li.id }, product: { id: wangsProduct.id } }),
      await register({ customer: { id: li.id }, product: { id: wangsProduct.id + 1000 } }),
      await register({ customer: { new: newCustomer({ name: '新客户' }) }, product: { id: wangsProduct.id } }),
    ];
    for (const refused of refusals) {
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error).toMatchObject({ code: 'INVALID_INPUT', details: { fields: [{ path: 'product.id', messageKey: 'validation.productNotOfCustomer' }] } });
    }
    expect(snapshot()).toEqual(before);
    // His own product is accepted.
    expect((await register({ customer: { id: wang.id }, product: { id: wangsProduct.id } })).ok).toBe(true);
  });

  it('an unknown customer is NOT_FOUND, also with a new product, and nothing is written', async () => {
    const before = snapshot();
    for (const product of [{ new: newProduct() }, { id: 1 }]) {
      const refused = await register({ customer: { id: 999 }, product });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('NOT_FOUND');
    }
    expect(snapshot()).toEqual(before);
  });
});
