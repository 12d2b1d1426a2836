import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReceipt } from '../../../src-main/core/print/receipt';
import { buildRepairCard } from '../../../src-main/core/print/repair-card';
import { warmUpPrinting } from '../../../src-main/core/print/render';
import { buildSupervisorDay } from '../../../src-main/core/print/supervisor-day';
import { buildTechnicianDay } from '../../../src-main/core/print/technician-day';
import { buildVoucher } from '../../../src-main/core/print/voucher';
import type { TechnicianDayLine } from '../../../src-shared/print/form-models';
import { renderAllForms } from '../../../scripts/forms';
import { compact, FORMS_OUTPUT, renderPngs, renderToFile, squeeze } from './pdf-tools';
import { sampleModels } from './sample-models';

/**
 * Every printed form built from a realistic model, rendered to a PDF in test-output/forms/, read back
 * with poppler's pdftotext (labels, numbers, names, totals) and drawn as PNGs for a person to look at.
 */
const models = sampleModels();

function pageSize(file: string): string {
  return /^Page size:\s+([\d.]+ x [\d.]+) pts/m.exec(execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '';
}

beforeAll(async () => {
  await warmUpPrinting();
});

describe('客户商品领取收据 (customer goods receipt)', () => {
  it('prints on the 80 mm roll with the receipt number, customer, product, fee in words and two signature lines, under 150 KB', async () => {
    const pdf = await renderToFile('receipt-80mm', buildReceipt(models.receipt, 'roll80mm'));
    const text = squeeze(pdf.text);
    for (const label of ['北京海淀服务站', '客户商品领取收据', '【客户联】', '收据号', '开具时间', '故障描述', '外观状况', '随机附件', '预计完成日期', '不属保修范围', '客户签名', '经手人签名']) {
      expect(text, label).toContain(label);
    }
    for (const data of ['BJ01-R2026-000045', 'BJ01-2026-000123', '王小明', '138 0013 8000', 'GR2023A0598812', '遥控器一个，电源线一根', '2026-11-25', '张伟']) {
      expect(text, data).toContain(data);
    }
    expect(text).toContain('2026-11-23 10:35'); // issued 02:35 UTC, printed in Shanghai time
    expect(text).toContain('¥350.00');
    expect(text).toContain('叁佰伍拾元整');
    expect(text).not.toContain('重印');
    expect(pdf.pages).toBe(1);
    expect(pageSize(pdf.file)).toMatch(/^226\.77 x \d+/);
    expect(pdf.bytes.length).toBeLessThan(150 * 1024);
    expect(renderPngs(pdf.file)).toHaveLength(1);
  });

  it('prints on A5 as the shop copy, with a QR code beside the barcode', async () => {
    const doc = buildReceipt({ ...models.receipt, copy: 'shop' }, 'A5');
    expect(JSON.stringify(doc.content)).toContain('"qr":"BJ01-R2026-000045"');
    const pdf = await renderToFile('receipt-a5', doc);
    const text = squeeze(pdf.text);
    expect(text).toContain('存根联');
    expect(text).not.toContain('客户联');
    expect(text).toContain('王小明');
    expect(pageSize(pdf.file)).toBe('419.53 x 595.28');
    expect(pdf.pages).toBe(1);
    expect(pdf.bytes.length).toBeLessThan(150 * 1024);
    renderPngs(pdf.file);
  });

  it('marks a reprint with the time of this print and of the first one', async () => {
    const pdf = await renderToFile('receipt-80mm-reprint', buildReceipt({ ...models.receipt, printedAt: '2026-11-24T01:20:00.000Z', reprintOf: '2026-11-23T02:36:00.000Z' }, 'roll80mm'));
    expect(compact(pdf.text)).toContain(compact('重印 2026-11-24 09:20（原打印 2026-11-23 10:36）'));
    renderPngs(pdf.file);
  });

  it('follows the language for labels and prints the data as entered', async () => {
    const pdf = await renderToFile('receipt-a5-en', buildReceipt({ ...models.receipt, language: 'en', reprintOf: '2026-11-23T02:36:00.000Z' }, 'A5'));
    const text = squeeze(pdf.text);
    for (const label of ['Customer Goods Receipt', 'Customer copy', 'Receipt no.', 'Customer signature', 'Not covered by warranty', 'REPRINT', 'Page 1 of 1']) expect(text, label).toContain(label);
    expect(text).toContain('王小明');
    expect(text).toContain('空调开机后约十分钟自动停机');
    expect(text).not.toContain('客户商品领取收据');
    renderPngs(pdf.file);
  });
});

describe('服务凭证 (service voucher)', () => {
  it('lists every job with category, technician, parts, fee and signer, and totals the fees in figures and words', async () => {
    const pdf = await renderToFile('voucher-a4', buildVoucher(models.voucher));
    const text = squeeze(pdf.text);
    for (const label of ['服务凭证', '凭证号', '服务记录', '叫修单号', '类别', '技术员', '服务内容', '更换零件', '客户签认', '费用合计', '保修截止']) expect(text, label).toContain(label);
    for (const job of models.voucher.jobs) expect(text, job.callNumber ?? '').toContain(job.callNumber!);
    for (const data of ['王小明', '刘芳', '李强', '陈静', 'BJ01-V-003187', '2029-06-18', '无保养合同', 'PB2611-0091', '80.00', '420.50']) expect(text, data).toContain(data);
    expect(text).toMatch(/费用合计 500\.50/);
    expect(text).toContain('伍佰元伍角整');
    expect(pageSize(pdf.file)).toBe('595.28 x 841.89');
    expect(compact(text)).toContain('第1页/共1页');
    renderPngs(pdf.file);
  });

  it('prints a drawn signature as an image, and falls back to the name when the image is not a usable PNG', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const jobs = models.voucher.jobs.map((job, i) => ({ ...job, signer: { name: i === 0 ? '王小明' : '刘芳', imagePng: i === 0 ? png : 'data:image/png;base64,iVBORw0KGgo=' } }));
    const doc = buildVoucher({ ...models.voucher, jobs });
    expect(JSON.stringify(doc.content).match(/"image":"data:image\/png/g)).toHaveLength(1);
    const pdf = await renderToFile('voucher-a4-signed', doc);
    expect(squeeze(pdf.text)).toContain('刘芳');
  });

  it('runs a long history onto more pages with the header repeated and page n of N', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...models.voucher.jobs[i % models.voucher.jobs.length]!, date: `2026-${String((i % 12) + 1).padStart(2, '0')}-10` }));
    const pdf = await renderToFile('voucher-a4-long', buildVoucher({ ...models.voucher, jobs: many }));
    expect(pdf.pages).toBeGreaterThan(1);
    const text = squeeze(pdf.text);
    expect(compact(text)).toContain(`第${pdf.pages}页/共${pdf.pages}页`);
    expect(text.split('服务内容').length - 1).toBe(pdf.pages);
    const total = many.reduce((s, j) => s + j.feeFen, 0);
    expect(text).toContain(`费用合计 ${(total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  });
});

describe('修护卡 (repair card)', () => {
  it('fits one A5 page with both numbers, labour and parts with totals, findings and the supervisor sign-off', async () => {
    const pdf = await renderToFile('repair-card-a5', buildRepairCard(models.repairCard));
    const text = squeeze(pdf.text);
    for (const label of ['修护卡', '叫修单号', '收据号', '维修工时', '工时合计', '更换零件', '零件合计', '检修结果', '故障原因', '服务主任验讫', '验讫后更正']) expect(text, label).toContain(label);
    for (const data of ['BJ01-2026-000123', 'BJ01-R2026-000045', '王小明', '主控电源板', 'GR-30148000', '286.00', '赵建国 2026-11-23 15:40', '补记：保险管实际更换 2 支']) expect(text, data).toContain(data);
    expect(text).toMatch(/工时合计 90 \(1:30\)/);
    expect(text).toMatch(/零件合计 291\.00/);
    expect(pdf.pages).toBe(1);
    expect(pageSize(pdf.file)).toBe('419.53 x 595.28');
    renderPngs(pdf.file);
  });

  it('shows an open card as not signed off', async () => {
    const pdf = await renderToFile('repair-card-a5-open', buildRepairCard({ ...models.repairCard, signOff: null, amendments: [], parts: [] }));
    const text = squeeze(pdf.text);
    expect(text).toContain('未验讫');
    expect(text).not.toContain('验讫后更正');
  });
});

describe('技术员工作日报表 (technician daily report)', () => {
  it('prints each line with category and minutes and the totals by category computed from the lines', async () => {
    const pdf = await renderToFile('technician-day-a4', buildTechnicianDay(models.technicianDay));
    const text = squeeze(pdf.text);
    for (const label of ['技术员工作日报表', '工作内容', '分类合计', 'A 有费服务', 'B 合同服务', 'C 免费服务', 'D 一般行政工作', '技术员签名', '服务主任签名']) expect(text, label).toContain(label);
    for (const line of models.technicianDay.lines) expect(text).toContain(line.description);
    expect(text).toContain('张伟 (zhang)');
    expect(text).toMatch(/合计 375\b/);
    expect(text).toMatch(/分钟 120 60 120 75 375/);
    expect(text).toMatch(/工时 2:00 1:00 2:00 1:15 6:15/);
    expect(text).toContain('张伟 2026-11-23 17:30');
    expect(pageSize(pdf.file)).toBe('595.28 x 841.89');
    renderPngs(pdf.file);
  });

  it('runs a long day onto several pages with page n of N and the same totals', async () => {
    const lines: TechnicianDayLine[] = Array.from({ length: 90 }, (_, i) => ({
      time: `${String(8 + Math.floor(i / 10)).padStart(2, '0')}:${String((i % 10) * 6).padStart(2, '0')}`,
      callNumber: i % 4 === 3 ? null : `BJ01-2026-${String(200 + i).padStart(6, '0')}`,
      description: `第 ${i + 1} 项：上门检修，更换零件并试机`,
      category: (['A', 'B', 'C', 'D'] as const)[i % 4]!,
      minutes: 5 + (i % 7),
    }));
    const pdf = await renderToFile('technician-day-a4-long', buildTechnicianDay({ ...models.technicianDay, lines }));
    expect(pdf.pages).toBeGreaterThanOrEqual(3);
    const text = squeeze(pdf.text);
    for (let page = 1; page <= pdf.pages; page++) expect(compact(text)).toContain(`第${page}页/共${pdf.pages}页`);
    const sum = (c: string) => lines.filter((l) => l.category === c).reduce((s, l) => s + l.minutes, 0);
    expect(text).toContain(`分钟 ${sum('A')} ${sum('B')} ${sum('C')} ${sum('D')} ${lines.reduce((s, l) => s + l.minutes, 0)}`);
    renderPngs(pdf.file);
  });
});

describe('服务主任日报表 (supervisor daily report)', () => {
  it('prints hours by technician and category with totals, the call counts and both signatures, A4 landscape', async () => {
    const pdf = await renderToFile('supervisor-day-a4-landscape', buildSupervisorDay(models.supervisorDay));
    const text = squeeze(pdf.text);
    for (const label of ['服务主任日报表', '技术员工时', '叫修统计', '受理叫修', '已派工', '现场完工', '带回维修', '修复送还', '逾时', '日终未结', '服务主任', '经理']) expect(text, label).toContain(label);
    for (const row of models.supervisorDay.rows) expect(text).toContain(row.technicianName);
    expect(text).toMatch(/张伟 \(zhang\) 2:00 1:00 2:00 1:15 6:15/);
    expect(text).toMatch(/合计 7:35 5:30 7:15 4:45 25:05/);
    expect(text).toMatch(/23 21 15 4 3 2 6/);
    expect(text).toContain('赵建国 2026-11-23 18:05');
    expect(text).toContain('周海 2026-11-23 18:40');
    expect(pageSize(pdf.file)).toBe('841.89 x 595.28');
    renderPngs(pdf.file);
  });

  it('prints in English with the labels of that language', async () => {
    const pdf = await renderToFile('supervisor-day-a4-landscape-en', buildSupervisorDay({ ...models.supervisorDay, language: 'en', signatures: { supervisor: null, manager: null } }));
    const text = squeeze(pdf.text);
    for (const label of ['Service Supervisor Daily Report', 'Hours by technician', 'Finished on site', 'Branch manager', 'A Paid service']) expect(text, label).toContain(label);
    expect(text).toContain('孙丽娟');
  });
});

describe('renderAllForms', () => {
  it('writes one PDF per form and paper size', async () => {
    const dir = path.join(FORMS_OUTPUT, 'all');
    const written = await renderAllForms(models, dir);
    expect(written.map((w) => w.file)).toEqual([
      'receipt-80mm.pdf',
      'receipt-a5.pdf',
      'voucher-a4.pdf',
      'repair-card-a5.pdf',
      'technician-day-a4.pdf',
      'supervisor-day-a4-landscape.pdf',
    ]);
    for (const form of written) {
      expect(existsSync(form.path)).toBe(true);
      expect(statSync(form.path).size).toBe(form.bytes);
    }
  });
});
