import type { FormModels, PrintBranch, PrintCommon, TechnicianDayLine } from '../../../src-shared/print/form-models';

/**
 * Realistic view models of every printed form: a Beijing branch's Monday, 2026-11-23. Used by the print
 * tests, the forms bench, and as an example of what the record mappers produce.
 */

export const BRANCH: PrintBranch = {
  code: 'BJ01',
  name: '北京海淀服务站',
  address: '北京市海淀区中关村大街27号中关村大厦一层',
  phone: '010-6255 8899',
};

export const COMMON: PrintCommon = {
  language: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  printedAt: '2026-11-23T08:15:00.000Z',
  reprintOf: null,
};

/** A technician's day of 18 lines (enough to show the table on a full page). */
export function technicianLines(): TechnicianDayLine[] {
  const jobs: TechnicianDayLine[] = [
    { time: '08:30', callNumber: null, description: '晨会、领取派工单和零件', category: 'D', minutes: 20 },
    { time: '09:10', callNumber: 'BJ01-2026-000121', description: '上门检修海尔冰箱不制冷，补充制冷剂', category: 'A', minutes: 45 },
    { time: '10:20', callNumber: 'BJ01-2026-000123', description: '格力空调不开机，带回店内维修', category: 'C', minutes: 30 },
    { time: '11:05', callNumber: 'BJ01-2026-000124', description: '保养合同例行保养：清洗室内机滤网、检查冷媒压力', category: 'B', minutes: 60 },
    { time: '13:30', callNumber: 'BJ01-2026-000123', description: '店内维修：更换电源板并通电老化测试', category: 'C', minutes: 90 },
    { time: '15:10', callNumber: 'BJ01-2026-000127', description: '美的洗衣机脱水异响，更换轴承', category: 'A', minutes: 75 },
    { time: '16:40', callNumber: null, description: '工具保养：校准压力表、整理工具箱', category: 'D', minutes: 25 },
    { time: '17:10', callNumber: null, description: '新机型培训（变频空调）', category: 'D', minutes: 30 },
  ];
  return jobs;
}

export function sampleModels(): FormModels {
  return {
    receipt: {
      ...COMMON,
      branch: BRANCH,
      receiptNumber: 'BJ01-R2026-000045',
      callNumber: 'BJ01-2026-000123',
      issuedAt: '2026-11-23T02:35:00.000Z',
      customer: { name: '王小明', phone: '138 0013 8000' },
      product: { model: '格力 KFR-35GW/(35592)FNhAa-B1', serial: 'GR2023A0598812' },
      fault: '空调开机后约十分钟自动停机，遥控器无反应，室外机不启动',
      condition: '外壳完好，面板右下角有轻微划痕',
      accessories: '遥控器一个，电源线一根',
      promisedDate: '2026-11-25',
      estimatedFeeFen: 35000,
      warrantyExclusions: null,
      receivedBy: '张伟',
      copy: 'customer',
    },
    voucher: {
      ...COMMON,
      branch: BRANCH,
      voucherNumber: 'BJ01-V-003187',
      customer: { name: '王小明', phone: '138 0013 8000', address: '北京市海淀区学院路35号世宁大厦2号楼1203室' },
      product: { model: '格力 KFR-35GW/(35592)FNhAa-B1', serial: 'GR2023A0598812', purchaseDate: '2023-06-18', warrantyEndDate: '2029-06-18', contractEndDate: null },
      jobs: [
        { date: '2023-06-20', callNumber: 'BJ01-2023-004412', category: 'C', technician: '李强', workDone: '新机安装调试，检查排水', parts: [], feeFen: 0, signer: { name: '王小明', imagePng: null } },
        { date: '2024-07-02', callNumber: 'BJ01-2024-005230', category: 'C', technician: '张伟', workDone: '制冷效果差，清洗蒸发器，补充冷媒', parts: [{ partNo: 'R32-650', name: 'R32 冷媒 650g', qty: 1, serial: null }], feeFen: 0, signer: { name: '王小明', imagePng: null } },
        { date: '2025-08-15', callNumber: 'BJ01-2025-006018', category: 'A', technician: '张伟', workDone: '室内机漏水，疏通排水管（使用不当，不属保修）', parts: [], feeFen: 8000, signer: { name: '刘芳', imagePng: null } },
        { date: '2026-11-23', callNumber: 'BJ01-2026-000123', category: 'C', technician: '张伟', workDone: '开机后自动停机，带回店内更换电源板', parts: [{ partNo: 'GR-30148000', name: '主控电源板', qty: 1, serial: 'PB2611-0091' }], feeFen: 0, signer: null },
        { date: '2026-11-23', callNumber: 'BJ01-2026-000130', category: 'A', technician: '陈静', workDone: '上门移机，重新抽真空加氟', parts: [{ partNo: 'CU-6.35', name: '铜管 3 米', qty: 1, serial: null }, { partNo: 'R32-650', name: 'R32 冷媒 650g', qty: 1, serial: null }], feeFen: 42050, signer: { name: '王小明', imagePng: null } },
      ],
    },
    repairCard: {
      ...COMMON,
      branch: BRANCH,
      callNumber: 'BJ01-2026-000123',
      receiptNumber: 'BJ01-R2026-000045',
      customerName: '王小明',
      product: { model: '格力 KFR-35GW/(35592)FNhAa-B1', serial: 'GR2023A0598812' },
      fault: '空调开机后约十分钟自动停机，遥控器无反应，室外机不启动',
      takenInAt: '2026-11-23T02:35:00.000Z',
      promisedDate: '2026-11-25',
      labour: [
        { technician: '张伟', startedAt: '2026-11-23T05:30:00.000Z', endedAt: '2026-11-23T06:15:00.000Z', minutes: 45, note: '检测：电源板 12V 输出不稳' },
        { technician: '张伟', startedAt: '2026-11-23T06:15:00.000Z', endedAt: '2026-11-23T07:00:00.000Z', minutes: 45, note: '更换电源板，通电老化测试 2 小时' },
      ],
      parts: [
        { partNo: 'GR-30148000', name: '主控电源板', qty: 1, serial: 'PB2611-0091', unitPriceFen: 28600 },
        { partNo: 'GR-FUSE-3A15', name: '保险管 3.15A', qty: 2, serial: null, unitPriceFen: 250 },
      ],
      findings: '电源板滤波电容鼓包，12V 输出在 9.8V 与 12.1V 之间波动，导致主控复位停机。',
      cause: '元件老化（保修期内，非人为损坏）',
      signOff: { name: '赵建国', at: '2026-11-23T07:40:00.000Z' },
      amendments: [{ at: '2026-11-23T08:05:00.000Z', by: '赵建国', text: '补记：保险管实际更换 2 支' }],
    },
    technicianDay: {
      ...COMMON,
      branch: BRANCH,
      technician: { code: 'zhang', name: '张伟' },
      date: '2026-11-23',
      lines: technicianLines(),
      confirmedAt: '2026-11-23T09:30:00.000Z',
    },
    supervisorDay: {
      ...COMMON,
      branch: BRANCH,
      date: '2026-11-23',
      rows: [
        { technicianCode: 'zhang', technicianName: '张伟', A: 120, B: 60, C: 120, D: 75 },
        { technicianCode: 'li', technicianName: '李强', A: 95, B: 0, C: 210, D: 30 },
        { technicianCode: 'chen', technicianName: '陈静', A: 240, B: 90, C: 45, D: 60 },
        { technicianCode: 'sun', technicianName: '孙丽娟', A: 0, B: 180, C: 60, D: 120 },
      ],
      counts: { received: 23, dispatched: 21, finishedOnSite: 15, takenIn: 4, returned: 3, late: 2, openAtDayEnd: 6 },
      signatures: { supervisor: { name: '赵建国', at: '2026-11-23T10:05:00.000Z' }, manager: { name: '周海', at: '2026-11-23T10:40:00.000Z' } },
    },
  };
}
