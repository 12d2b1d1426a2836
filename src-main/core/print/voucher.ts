import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PrintPartLine, VoucherJob, VoucherModel } from '../../../src-shared/print/form-models';
import { A4_PORTRAIT, baseDocument, branchBlock, fieldsGrid, isPrintablePng, num, reprintMark, ruledTable, th } from './common';
import { formatYuan, yuanInWords } from './format';
import { printLabels, type PrintLabels } from './labels';

/**
 * 服务凭证 on A4: the history card of one product at one customer, with every job (date, category,
 * technician, work done, parts, fee, who signed). The jobs table repeats its header on every page and
 * ends with the total of the fees in figures and in Chinese capitals.
 */
export function buildVoucher(model: VoucherModel, labels: PrintLabels = printLabels(model.language)): TDocumentDefinitions {
  const content: Content[] = [
    ...reprintMark(model, labels),
    {
      columns: [
        branchBlock(model.branch, labels),
        { width: 'auto', text: `${labels.voucher.number}  ${model.voucherNumber}`, bold: true, margin: [0, 4, 0, 0] },
      ],
    },
    { text: labels.voucher.title, style: 'title', margin: [0, 10, 0, 8] },
    fieldsGrid(
      [
        [labels.common.customer, model.customer.name],
        [labels.common.phone, model.customer.phone],
        [labels.common.productModel, model.product.model],
        [labels.common.serial, model.product.serial],
        [labels.voucher.purchaseDate, model.product.purchaseDate ?? '—'],
        [labels.voucher.warrantyEnd, model.product.warrantyEndDate ?? '—'],
        [labels.voucher.contractEnd, model.product.contractEndDate ?? labels.voucher.noContract],
      ],
      62,
      [[labels.common.address, model.customer.address]],
    ),
    { text: labels.voucher.jobs, style: 'section', margin: [0, 12, 0, 4] },
    jobsTable(model, labels),
  ];
  return baseDocument(model, labels, A4_PORTRAIT, `${labels.voucher.title} ${model.voucherNumber}`, content);
}

function jobsTable(model: VoucherModel, labels: PrintLabels): Content {
  const header = [
    th(labels.common.date),
    th(labels.common.callNumber),
    th(labels.common.category, 'center'),
    th(labels.common.technician),
    th(labels.voucher.workDone),
    th(labels.voucher.parts),
    th(labels.voucher.fee, 'right'),
    th(labels.voucher.signer),
  ];
  const rows = model.jobs.map((job) => jobRow(job, labels));
  const totalFen = model.jobs.reduce((sum, job) => sum + job.feeFen, 0);
  const footer: TableCell[][] = [
    [
      { text: labels.voucher.totalFee, bold: true, colSpan: 6, alignment: 'right' },
      {}, {}, {}, {}, {},
      num(formatYuan(totalFen), true),
      { text: '' },
    ],
    [
      { text: `${labels.common.amountInWords}：${yuanInWords(totalFen)}`, colSpan: 8, bold: true },
      {}, {}, {}, {}, {}, {}, {},
    ],
  ];
  return ruledTable([48, 60, 20, 36, '*', 82, 48, 46], header, rows, labels.voucher.noJobs, rows.length > 0 ? footer : []);
}

function jobRow(job: VoucherJob, labels: PrintLabels): TableCell[] {
  return [
    { text: job.date, noWrap: true, fontSize: 8 },
    { text: job.callNumber ?? '—', fontSize: 7 },
    { text: job.category, alignment: 'center', bold: true },
    { text: job.technician },
    { stack: [{ text: job.workDone }, { text: labels.categories[job.category], style: 'muted' }] },
    { text: partsText(job.parts, labels), fontSize: 8 },
    num(formatYuan(job.feeFen)),
    signerCell(job),
  ];
}

/** 'GR-30148000 主控电源板 ×1 (SN PB2611-0091)', one part a line. */
export function partsText(parts: readonly PrintPartLine[], labels: PrintLabels): string {
  if (parts.length === 0) return labels.common.none;
  return parts.map((p) => `${p.name} ×${p.qty}${p.serial ? ` (SN ${p.serial})` : ''}\n${p.partNo}`).join('\n');
}

function signerCell(job: VoucherJob): TableCell {
  if (!job.signer) return { text: '' };
  if (isPrintablePng(job.signer.imagePng)) return { stack: [{ image: job.signer.imagePng, fit: [48, 22] }, { text: job.signer.name, fontSize: 7 }] };
  return { text: job.signer.name };
}
