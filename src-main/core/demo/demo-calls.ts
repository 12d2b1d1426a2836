import { DEFAULT_CALENDAR, localDateOf } from '../../../src-shared/domain/working-calendar';
import type { Dispatch } from '../dispatch';

type Signer = { signerName: string };

/** Demo customers: Chinese names, Beijing addresses and phones, products in and out of warranty. */
const CUSTOMERS = [
  { name: '王小明', phones: ['13812345678'], address: '北京市海淀区学院路35号院3号楼502', district: 'city', product: { model: 'KFR-35GW 变频空调', serial: 'GR35A2409117', purchaseDate: '2026-04-12', warrantyMonths: 36 }, fault: '制热效果差，外机结霜' },
  { name: '李娜', phones: ['13901087766', '010-62778899'], address: '北京市海淀区中关村南大街12号', district: 'city', product: { model: 'XQG100 滚筒洗衣机', serial: 'LX100B2203456', purchaseDate: '2021-08-01', warrantyMonths: 24 }, fault: '脱水时剧烈抖动' },
  { name: '张建华', phones: ['13611112222'], address: '北京市昌平区回龙观西大街88号', district: 'suburb', product: { model: 'BCD-470 冰箱', serial: 'BX470W1901288', purchaseDate: '2019-05-20', warrantyMonths: 12, contract: { number: 'HT-BJ01-2026-031', start: '2026-01-01', end: '2026-12-31' } }, fault: '冷藏室不制冷' },
  { name: '刘芳', phones: ['15010203040'], address: '北京市朝阳区望京西路48号', district: 'city', product: { model: 'JSQ25 燃气热水器', serial: 'RS25C2502077', purchaseDate: '2025-12-03', warrantyMonths: 24 }, fault: '点火后熄火，显示E1' },
  { name: '陈志强', phones: ['18600001234'], address: '北京市大兴区黄村镇兴华大街9号', district: 'suburb', product: { model: 'KFR-72LW 柜式空调', serial: 'GR72L1807734', purchaseDate: '2018-07-15', warrantyMonths: 12 }, fault: '室内机漏水' },
  { name: '赵丽', phones: ['13366668888'], address: '北京市西城区西直门内大街131号', district: 'city', product: { model: 'CXW-260 吸油烟机', serial: 'YY260D2406610', purchaseDate: '2024-06-18', warrantyMonths: 36 }, fault: '电机噪音大' },
  { name: '孙伟', phones: ['13700137000'], address: '北京市海淀区清河中街66号', district: 'city', product: { model: 'LED55 液晶电视', serial: 'TV55U2310021', purchaseDate: '2023-10-01', warrantyMonths: 12 }, fault: '有声音无图像' },
  { name: '周静', phones: ['13522334455'], address: '北京市通州区新华大街256号', district: 'suburb', product: { model: 'XQB80 波轮洗衣机', serial: 'LX80P2501139', purchaseDate: '2025-01-20', warrantyMonths: 24 }, fault: '不进水' },
] as const;

/**
 * Calls in every state of the book, made through the same operations the screens use: registered,
 * dispatched, arrived, finished on site, taken in (with a repair card, one overdue), returned, closed
 * and cancelled.
 */
export async function seedDemoCalls(
  dispatch: Dispatch,
  now: Date,
  tokens: Record<'clerk' | 'supervisor' | 'tech1' | 'tech2', string>,
  technicianIds: { tech1: number; tech2: number },
): Promise<void> {
  const call = async (who: keyof typeof tokens, method: string, input: unknown) => {
    const { result } = await dispatch({ method, input, token: tokens[who] });
    if (!result.ok) throw new Error(`demo seed: ${method} failed: ${JSON.stringify(result.error)}`);
    return result.data as { id: number; repairCardId: number | null; receiptNumber: string | null };
  };
  const signer = (name: string): Signer => ({ signerName: name });
  const registered = [];
  for (const [index, c] of CUSTOMERS.entries()) {
    const { product, fault, ...customer } = c;
    registered.push(
      await call('clerk', 'calls.register', {
        clientRequestId: `demo-call-${index + 1}`,
        customer: { new: { ...customer, phones: [...customer.phones] } },
        product: { new: { ...product, exclusions: [] } },
        fault,
      }),
    );
  }
  const [arrived, takenInOpen, onSiteContract, takenInDone, onSitePaid, dispatched, cancelled] = registered;
  const start = new Date(now.getTime() - 2 * 3600_000).toISOString();
  const end = new Date(now.getTime() - 3600_000).toISOString();

  for (const c of [onSitePaid, onSiteContract, takenInDone, takenInOpen, arrived]) await call('supervisor', 'calls.dispatch', { callId: c!.id, technicianId: technicianIds.tech1 });
  await call('supervisor', 'calls.dispatch', { callId: dispatched!.id, technicianId: technicianIds.tech2 });
  for (const c of [onSitePaid, onSiteContract, takenInDone, takenInOpen, arrived]) await call('tech1', 'calls.arrive', { callId: c!.id });

  await call('tech1', 'calls.finishOnSite', { callId: onSitePaid!.id, workDone: '清洗过滤网，排水管疏通', startedAt: start, endedAt: end, parts: [{ partNo: 'DR-16', name: '排水管', quantity: 1, unitPriceFen: 2500 }], labourFeeFen: 8000, payment: 'cash', signature: signer('陈志强') });
  await call('clerk', 'calls.close', { callId: onSitePaid!.id });
  await call('tech1', 'calls.finishOnSite', { callId: onSiteContract!.id, workDone: '补充制冷剂，更换温控器', startedAt: start, endedAt: end, parts: [{ partNo: 'TK-08', name: '温控器', quantity: 1, unitPriceFen: 6800 }], labourFeeFen: 0, payment: null, signature: signer('张建华') });

  // The branch's business day for the promised return dates (a new demo branch keeps the default calendar).
  const today = localDateOf(DEFAULT_CALENDAR, now.toISOString());
  const done = await call('tech1', 'calls.takeIn', { callId: takenInDone!.id, condition: '外观完好', accessories: '无', promisedDate: today, signature: signer('刘芳') });
  await call('tech1', 'repairCards.addLabour', { cardId: done.repairCardId, startedAt: start, endedAt: end, note: '更换点火针，清理燃烧室' });
  await call('tech1', 'repairCards.addPart', { cardId: done.repairCardId, part: { partNo: 'IGN-2', name: '点火针', quantity: 1, serial: 'IG2025-0918', unitPriceFen: 3500 } });
  await call('tech1', 'repairCards.recordFindings', { cardId: done.repairCardId, findings: '点火针积碳', cause: '长期未保养' });
  await call('supervisor', 'repairCards.signOff', { cardId: done.repairCardId });
  await call('clerk', 'goods.return', { receipt: { number: done.receiptNumber }, labourFeeFen: 0, payment: null, signature: signer('刘芳') });

  const open = await call('tech1', 'calls.takeIn', { callId: takenInOpen!.id, condition: '右侧面板有裂纹', accessories: '遥控器一个', promisedDate: today, signature: signer('李娜') });
  await call('tech1', 'repairCards.addLabour', { cardId: open.repairCardId, startedAt: start, endedAt: end, note: '拆机检测' });
  await call('tech1', 'repairCards.askForHelp', { cardId: open.repairCardId, note: '排水泵需向厂家调货' });

  await call('clerk', 'calls.cancel', { callId: cancelled!.id, reason: '客户来电取消，已自行解决' });
}
