import fc from 'fast-check';
import type { MethodName } from '../../../src-shared/contract';
import { DEFAULT_CALENDAR } from '../../../src-shared/domain/working-calendar';
import { FUZZ_TODAY, LOGIN_TARGET, type DemoIds } from './fuzz-branch';

/**
 * For every method, inputs of the right shape built from the demo branch's real records: the starting
 * point the mutations in ./arbitraries.ts change one field of. Many of them succeed (and change the
 * branch as a user would); others meet a typed refusal because the record is in another state.
 */
export type SeedTable = { readonly [M in MethodName]: fc.Arbitrary<unknown> };

const SIGNATURE = { signerName: '王小明', imagePng: 'data:image/png;base64,iVBORw0KGgo=' };
const DATES = ['2026-11-20', '2026-11-22', FUZZ_TODAY, '2026-11-24', '2024-02-29'] as const;

export function validSeeds(ids: DemoIds): SeedTable {
  const one = <T>(values: readonly T[]) => fc.constantFrom(...values);
  const customerId = one(ids.customers);
  const productId = one(ids.products);
  const callId = one(ids.calls);
  const cardId = one(ids.cards);
  const userId = one(ids.users);
  const technicianId = one(ids.technicians);
  const receipt = one(ids.receipts);
  const date = one(DATES);
  const requestId = fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/);
  const phone = fc.stringMatching(/^1[3-9][0-9]{9}$/);
  const name = one(['王小明', '李娜', '欧阳娜娜', 'Zhang Wei', '张']);
  const newCustomer = fc.record({ name, phones: fc.array(phone, { minLength: 1, maxLength: 2 }), address: one(['北京市海淀区学院路35号', '上海市徐汇区漕溪北路88号']), district: one(['city', 'suburb']) });
  const newProduct = fc.record({
    model: one(['KFR-35GW 变频空调', 'XQG100 滚筒洗衣机']),
    serial: fc.stringMatching(/^[A-Z]{2}[0-9]{6}$/),
    purchaseDate: one([null, '2025-06-01', '2026-11-01']),
    warrantyMonths: fc.integer({ min: 0, max: 120 }),
    exclusions: fc.subarray(['misuse', 'forceMajeure', 'selfModified', 'serialUnreadable']),
    contract: one([null, { number: 'HT-2026-001', start: '2026-01-01', end: '2026-12-31' }]),
  });
  const part = { partNo: 'DR-16', name: '排水管', quantity: 1, serial: 'SN-1', unitPriceFen: 2500 };
  const start = '2026-11-23T01:30:00.000Z';
  const end = '2026-11-23T02:45:00.000Z';

  return {
    'auth.login': fc.record({ username: one([LOGIN_TARGET.username, 'nobody', 'Fuzzlogin']), password: one([LOGIN_TARGET.password, 'wrong-password']) }),
    'auth.logout': one([{}, undefined]),
    'auth.me': one([{}, null]),
    'profile.setLanguage': fc.record({ language: one(['zh-CN', 'en']) }),
    'setup.status': one([{}]),
    'setup.createBranch': fc.record({
      branch: fc.record({ code: one(['SH02', 'BJ01']), name: one(['上海徐汇服务站']), address: one(['上海市徐汇区漕溪北路88号']), phone: one(['021-64381234']) }),
      admin: fc.record({ username: one(['admin2']), displayName: name, password: one(['another-password']) }),
    }),
    'users.list': one([{}]),
    'users.create': fc.record({ username: fc.stringMatching(/^[a-z][a-z0-9_.-]{2,12}$/), displayName: name, role: one(['clerk', 'supervisor', 'technician', 'manager', 'admin']), password: one(['long-enough-password']) }),
    'users.unlock': fc.record({ userId }),
    'audit.recent': fc.record({ limit: fc.integer({ min: 1, max: 500 }) }, { requiredKeys: [] }),
    'audit.verifyChain': one([{}]),
    'customers.search': fc.record({ query: one(['王', '138', 'wxm', 'GR35', '北京市海淀区', '%', '"', 'AND', 'NEAR(']), limit: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: ['query'] }),
    'customers.get': fc.record({ customerId }),
    'customers.create': newCustomer,
    'customers.update': fc.record({ customerId, customer: newCustomer }),
    'products.add': fc.record({ customerId, product: newProduct }),
    'products.update': fc.record({ productId, product: newProduct }),
    'products.proposeCategory': fc.record({ productId }),
    'calls.register': fc.record({
      clientRequestId: requestId,
      customer: fc.oneof(fc.record({ id: customerId }), fc.record({ new: newCustomer })),
      product: fc.oneof(fc.record({ id: productId }), fc.record({ new: newProduct })),
      fault: one(['不制冷', '脱水时剧烈抖动', '显示E1']),
      category: one(['A', 'B', 'C']),
      overrideReason: one(['客户要求', undefined]),
    }, { requiredKeys: ['clientRequestId', 'customer', 'product', 'fault'] }),
    'calls.list': fc.record({ date, filter: one(['all', 'open', 'late']), status: one(['registered', 'closed']), technicianId, category: one(['A', 'B', 'C']), query: one(['王', '138']), beforeId: callId, limit: fc.integer({ min: 1, max: 500 }) }, { requiredKeys: [] }),
    'calls.get': fc.record({ callId }),
    'calls.dispatchBoard': one([{}]),
    'calls.dispatch': fc.record({ callId, technicianId }),
    'calls.arrive': fc.record({ callId }),
    'calls.finishOnSite': fc.record({ callId, workDone: one(['清洗过滤网']), startedAt: one([start]), endedAt: one([end]), parts: one([[], [part]]), labourFeeFen: fc.integer({ min: 0, max: 100_000 }), payment: one(['cash', 'invoice', null]), signature: one([SIGNATURE]) }),
    'calls.takeIn': fc.record({ callId, condition: one(['外观完好']), accessories: one(['无']), promisedDate: date, signature: one([SIGNATURE, { signerName: '李娜' }]) }),
    'calls.close': fc.record({ callId }),
    'calls.cancel': fc.record({ callId, reason: one(['客户取消']) }),
    'technicians.list': one([{}]),
    'goods.list': fc.record({ state: one(['inShop', 'overdue', 'returned']), limit: fc.integer({ min: 1, max: 500 }) }, { requiredKeys: [] }),
    'goods.return': fc.record({
      receipt: fc.oneof(fc.record({ number: receipt }), fc.record({ lost: fc.record({ callId, idSeen: one(['110101199001011234']), note: one(['收据丢失']) }) })),
      labourFeeFen: fc.integer({ min: 0, max: 100_000 }),
      payment: one(['cash', 'invoice', null]),
      signature: one([SIGNATURE]),
    }),
    'goods.checkReceipts': one([{}]),
    'repairCards.list': fc.record({ state: one(['open', 'overdue', 'helpRequested', 'signedOff']), limit: fc.integer({ min: 1, max: 500 }) }, { requiredKeys: [] }),
    'repairCards.get': fc.record({ cardId }),
    'repairCards.addLabour': fc.record({ cardId, startedAt: one([start]), endedAt: one([end]), note: one(['拆机检测', '']) }),
    'repairCards.addPart': fc.record({ cardId, part: one([part]) }),
    'repairCards.recordFindings': fc.record({ cardId, findings: one(['点火针积碳']), cause: one(['长期未保养']) }),
    'repairCards.askForHelp': fc.record({ cardId, note: one(['需向厂家调货']) }),
    'repairCards.signOff': fc.record({ cardId }),
    'day.check': fc.record({ date }),
    'cashier.day': fc.record({ date }),
    'cashier.recordHandover': fc.record({ date, technicianId, receivedFen: fc.integer({ min: 0, max: 100_000 }), note: one(['现金已点清', undefined]) }, { requiredKeys: ['date', 'technicianId', 'receivedFen'] }),
    'settings.getCalendar': one([{}]),
    'settings.setCalendar': one([{ calendar: DEFAULT_CALENDAR }, { calendar: { ...DEFAULT_CALENDAR, holidays: ['2026-11-24'], makeUpWorkdays: ['2026-11-28'] } }]),
    'reports.technicianDay': fc.record({ date, technicianId }, { requiredKeys: ['date'] }),
    'reports.addAdminTask': fc.record({ date, kind: one(['training', 'partsHandling', 'toolUpkeep', 'inspection', 'other']), minutes: fc.integer({ min: 1, max: 1440 }), note: one(['工具保养']) }),
    'reports.confirmTechnicianDay': fc.record({ date }),
    'reports.returnTechnicianDay': fc.record({ technicianId, date, comment: one(['工时不符']) }),
    'reports.supervisorDay': fc.record({ date }),
    'reports.signSupervisorDay': fc.record({ date }),
    'reports.managerSignDay': fc.record({ date }),
    'reports.monthSummary': fc.record({ month: one(['2026-11', '2026-10', '2026-12']) }),
    'sync.status': one([{}]),
    'sync.sendNow': one([{}]),
    'sync.configure': fc.record({ headOfficeUrl: one(['http://127.0.0.1:9/', 'https://ho.example.com/', 'ftp://x/']), branchSecret: one(['0123456789abcdef0123']) }),
    'print.getSettings': one([{}]),
    'print.setSettings': fc.record({
      settings: fc.record({ receiptPaper: one(['roll80mm', 'A5']), receiptRollSilent: fc.boolean(), printers: fc.record({ receipt: one([null, 'EPSON TM-T82']), voucher: one([null, 'HP LaserJet']), repairCard: one([null]), technicianDay: one([null]), supervisorDay: one([null]) }) }),
    }),
    'backups.list': one([{}]),
    'backups.create': one([{}]),
    'backups.restore': fc.record({ id: one([...ids.backups, 'branch-manual-2020-01-01T00-00-00-000Z']) }),
    'print.form': fc.oneof(
      fc.record({ form: fc.constant('receipt'), receiptNumber: receipt, paper: one(['roll80mm', 'A5']), copy: one(['customer', 'shop']) }),
      fc.record({ form: fc.constant('voucher'), productId, output: one(['print', 'pdf']) }, { requiredKeys: ['form', 'productId'] }),
      fc.record({ form: fc.constant('repairCard'), cardId }),
      fc.record({ form: fc.constant('technicianDay'), date, technicianId }, { requiredKeys: ['form', 'date'] }),
      fc.record({ form: fc.constant('supervisorDay'), date }),
    ),
  };
}

/** The seed of one method; the type demands one per method, and this names the file when a new one arrives. */
export function seedFor(ids: DemoIds, method: MethodName): fc.Arbitrary<unknown> {
  const seed = (validSeeds(ids) as Partial<SeedTable>)[method];
  if (!seed) throw new Error(`no valid-shaped seed for ${method}: add one to test/integration/fuzz/valid-seeds.ts`);
  return seed;
}
