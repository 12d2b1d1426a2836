import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotTables } from '../../helpers/snapshot';
import { BranchFixture, newCustomer, newProduct, requestId } from './branch-fixture';

/**
 * customers.update and products.update on a real SQLite file: the details and the search index change
 * together (the old number or serial no longer finds him, the new ones do), the audit row keeps what
 * they were; calls already registered keep their district and category; bad input and the wrong role
 * change nothing.
 */
let branch: BranchFixture;
beforeEach(async () => {
  branch = await BranchFixture.open();
});
afterEach(async () => {
  await branch.close();
});

const found = async (query: string) => (await branch.as('clerk').ok('customers.search', { query, limit: 10 })).map((c) => c.id);

describe('changing a customer', () => {
  it('changes his details, phones and search index together, and the audit log keeps what they were', async () => {
    const created = await branch.as('clerk').ok('customers.create', newCustomer({ name: '周晓燕', phones: ['13911112222'], address: '海淀区学院路1号', district: 'city' }));
    await branch.as('clerk').ok('products.add', { customerId: created.id, product: newProduct({ serial: 'UPD-1' }) });
    const call = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { id: created.id }, product: { id: (await branch.as('clerk').ok('customers.get', { customerId: created.id })).products[0]!.id }, fault: '不制冷' });
    expect(await found('13911112222')).toEqual([created.id]);

    const updated = await branch.as('clerk').ok('customers.update', {
      customerId: created.id,
      customer: { name: '欧阳晓燕', phones: ['010-6288-1234', '13800009999'], address: '昌平区回龙观东大街8号', district: 'suburb', notes: '搬家' },
    });
    expect(updated).toMatchObject({ id: created.id, name: '欧阳晓燕', phones: ['010-6288-1234', '13800009999'], address: '昌平区回龙观东大街8号', district: 'suburb', notes: '搬家' });
    expect(updated.products.map((p) => p.serial)).toEqual(['UPD-1']);
    expect(await branch.as('clerk').ok('customers.get', { customerId: created.id })).toEqual(updated);

    // The search knows him by the new details only.
    expect(await found('13911112222')).toEqual([]);
    expect(await found('62881234')).toEqual([created.id]);
    expect(await found('欧阳')).toEqual([created.id]);
    expect(await found('oyxy')).toEqual([created.id]);
    expect(await found('回龙观')).toEqual([created.id]);
    expect(await found('UPD-1')).toEqual([created.id]);

    // The call registered before keeps the district (and so the promise) it was given.
    const before = await branch.as('clerk').ok('calls.get', { callId: call.id });
    expect([before.district, before.deadlineAt]).toEqual([call.district, call.deadlineAt]);

    const audit = branch.app.sqlite
      .prepare("SELECT before_json, after_json FROM audit_log WHERE method = 'customers.update' AND outcome = 'ok'")
      .get() as { before_json: string; after_json: string };
    expect(JSON.parse(audit.before_json)).toMatchObject({ name: '周晓燕', phones: ['13911112222'], district: 'city' });
    expect(JSON.parse(audit.after_json)).toMatchObject({ name: '欧阳晓燕', district: 'suburb' });
  });

  it('refuses bad input, an unknown customer and a technician, and changes nothing', async () => {
    const created = await branch.as('clerk').ok('customers.create', newCustomer({ name: '周晓燕', phones: ['13911112222'] }));
    const untouched = snapshotTables(branch.app.sqlite, { except: ['audit_log', 'users'] });
    const noPhone = await branch.as('clerk').call('customers.update', { customerId: created.id, customer: { name: '周晓燕', phones: [], address: '海淀区', district: 'city' } });
    expect(noPhone.ok || noPhone.error).toMatchObject({ code: 'INVALID_INPUT', details: { fields: [{ path: 'customer.phones', messageKey: 'validation.phoneRequired' }] } });
    const unknown = await branch.as('clerk').call('customers.update', { customerId: 999_999, customer: newCustomer() });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    const technician = await branch.as('zhang').call('customers.update', { customerId: created.id, customer: newCustomer() });
    expect(technician.ok || technician.error.code).toBe('FORBIDDEN');
    expect(snapshotTables(branch.app.sqlite, { except: ['audit_log', 'users'] })).toEqual(untouched);
  });
});

describe('correcting a product', () => {
  it('changes its details and the search, proposes the next call from them, and keeps what calls were given', async () => {
    const customer = await branch.as('clerk').ok('customers.create', newCustomer({ name: '周晓燕', phones: ['13911112222'] }));
    // Bought five years ago: out of warranty, a paid call (A).
    const product = await branch.as('clerk').ok('products.add', { customerId: customer.id, product: newProduct({ serial: 'OLD-SERIAL-1', purchaseDate: '2021-06-01', warrantyMonths: 12 }) });
    const call = await branch.as('clerk').ok('calls.register', { clientRequestId: requestId(), customer: { id: customer.id }, product: { id: product.id }, fault: '不制冷' });
    expect(call.category).toBe('A');

    // The invoice says it was bought this year, and the serial was misread.
    const corrected = await branch.as('clerk').ok('products.update', { productId: product.id, product: { model: 'KFR-35GW', serial: 'new-serial-7', purchaseDate: '2026-06-01', warrantyMonths: 36, exclusions: [] } });
    expect(corrected).toMatchObject({ id: product.id, customerId: customer.id, voucherId: product.voucherId, serial: 'NEW-SERIAL-7', purchaseDate: '2026-06-01', warrantyEnd: '2029-06-01' });
    expect(await found('NEW-SERIAL')).toEqual([customer.id]);
    expect(await found('OLD-SERIAL')).toEqual([]);
    expect(await branch.as('clerk').ok('products.proposeCategory', { productId: product.id })).toMatchObject({ category: 'C' });
    expect((await branch.as('clerk').ok('calls.get', { callId: call.id })).category).toBe('A');
    const audit = branch.app.sqlite.prepare("SELECT before_json, after_json FROM audit_log WHERE method = 'products.update' AND outcome = 'ok'").get() as { before_json: string; after_json: string };
    expect([JSON.parse(audit.before_json).serial, JSON.parse(audit.after_json).serial]).toEqual(['OLD-SERIAL-1', 'NEW-SERIAL-7']);
  });

  it('refuses a contract ending before it starts, an unknown product and a technician, and changes nothing', async () => {
    const customer = await branch.as('clerk').ok('customers.create', newCustomer({ name: '周晓燕', phones: ['13911112222'] }));
    const product = await branch.as('clerk').ok('products.add', { customerId: customer.id, product: newProduct({ serial: 'KEEP-1' }) });
    const untouched = snapshotTables(branch.app.sqlite, { except: ['audit_log', 'users'] });
    const backwards = await branch.as('clerk').call('products.update', {
      productId: product.id,
      product: { model: 'X', serial: 'KEEP-2', warrantyMonths: 12, exclusions: [], contract: { number: 'BY-1', start: '2026-12-01', end: '2026-01-01' } },
    });
    expect(backwards.ok || backwards.error).toMatchObject({ code: 'INVALID_INPUT', details: { fields: [{ path: 'product.contract.end', messageKey: 'validation.contractDates' }] } });
    const unknown = await branch.as('clerk').call('products.update', { productId: 999_999, product: newProduct() });
    expect(unknown.ok || unknown.error.code).toBe('NOT_FOUND');
    const technician = await branch.as('zhang').call('products.update', { productId: product.id, product: newProduct() });
    expect(technician.ok || technician.error.code).toBe('FORBIDDEN');
    expect(snapshotTables(branch.app.sqlite, { except: ['audit_log', 'users'] })).toEqual(untouched);
  });
});
