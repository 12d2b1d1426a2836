import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { RepairCardModel } from '../../../src-shared/print/form-models';
import { barcode } from './barcode';
import { A5_PORTRAIT, baseDocument, fieldsGrid, fieldsTable, MUTED, num, reprintMark, ruledTable, signatureLine, th } from './common';
import { formatClock, formatHoursMinutes, formatInstant, formatYuan } from './format';
import { printLabels, type PrintLabels } from './labels';

/**
 * 修护卡 on A5: hangs on the product in the shop. Call and receipt numbers as barcodes, the product and
 * its fault, the labour lines and parts replaced (with their totals), findings and cause, and the
 * supervisor's sign-off (验讫) with any amendment written after it.
 */
export function buildRepairCard(model: RepairCardModel, labels: PrintLabels = printLabels(model.language)): TDocumentDefinitions {
  const content: Content[] = [
    ...reprintMark(model, labels),
    {
      columns: [
        { text: model.branch.name, style: 'branchName' },
        { text: labels.repairCard.title, fontSize: 15, bold: true, alignment: 'right', width: 'auto' },
      ],
    },
    numbers(model, labels),
    fieldsGrid(
      [
        [labels.repairCard.customer, model.customerName],
        [labels.repairCard.takenInAt, formatInstant(model.takenInAt, model.timeZone)],
        [labels.common.productModel, model.product.model],
        [labels.repairCard.promisedDate, model.promisedDate],
        [labels.common.serial, model.product.serial],
      ],
      44,
      [[labels.common.fault, model.fault]],
    ),
    { text: labels.repairCard.labour, style: 'section' },
    labourTable(model, labels),
    { text: labels.repairCard.parts, style: 'section' },
    partsTable(model, labels),
    { text: ' ', fontSize: 4 },
    fieldsTable(
      [
        [labels.repairCard.findings, model.findings],
        [labels.repairCard.cause, model.cause],
      ],
      44,
    ),
    signOff(model, labels),
    ...amendments(model, labels),
  ];
  return baseDocument(model, labels, A5_PORTRAIT, `${labels.repairCard.title} ${model.callNumber}`, content);
}

function numbers(model: RepairCardModel, labels: PrintLabels): Content {
  const code = (label: string, value: string): Content => ({
    stack: [barcode(value, 160, 'left'), { text: `${label}  ${value}`, bold: true, fontSize: 8.5, margin: [0, 1, 0, 0] }],
  });
  return { columns: [code(labels.common.callNumber, model.callNumber), code(labels.common.receiptNumber, model.receiptNumber)], columnGap: 20, margin: [0, 6, 0, 4] };
}

function labourTable(model: RepairCardModel, labels: PrintLabels): Content {
  const zone = model.timeZone;
  const rows: TableCell[][] = model.labour.map((line) => [
    { text: line.technician },
    { text: formatInstant(line.startedAt, zone), noWrap: true },
    { text: formatClock(line.endedAt, zone) },
    num(line.minutes),
    { text: line.note },
  ]);
  const totalMinutes = model.labour.reduce((sum, line) => sum + line.minutes, 0);
  const footer: TableCell[][] = [
    [{ text: labels.repairCard.labourTotal, colSpan: 3, alignment: 'right', bold: true }, {}, {}, num(totalMinutes, true), { text: `(${formatHoursMinutes(totalMinutes)})`, color: MUTED }],
  ];
  const header = [th(labels.common.technician), th(labels.repairCard.start), th(labels.repairCard.end), th(labels.common.minutes, 'right'), th(labels.repairCard.note)];
  return ruledTable([40, 70, 30, 34, '*'], header, rows, labels.repairCard.noLines, rows.length > 0 ? footer : []);
}

function partsTable(model: RepairCardModel, labels: PrintLabels): Content {
  const rows: TableCell[][] = model.parts.map((part) => [
    { text: part.partNo, fontSize: 7.5 },
    { text: part.name },
    num(part.qty),
    { text: part.serial ?? '—', fontSize: 7.5 },
    num(formatYuan(part.unitPriceFen)),
    num(formatYuan(part.unitPriceFen * part.qty)),
  ]);
  const totalFen = model.parts.reduce((sum, part) => sum + part.unitPriceFen * part.qty, 0);
  const footer: TableCell[][] = [[{ text: labels.repairCard.partsTotal, colSpan: 5, alignment: 'right', bold: true }, {}, {}, {}, {}, num(formatYuan(totalFen), true)]];
  const header = [
    th(labels.common.partNo),
    th(labels.common.partName),
    th(labels.common.qty, 'right'),
    th(labels.common.partSerial),
    th(labels.repairCard.unitPrice, 'right'),
    th(labels.repairCard.amount, 'right'),
  ];
  return ruledTable([58, '*', 22, 56, 44, 46], header, rows, labels.repairCard.noLines, rows.length > 0 ? footer : []);
}

function signOff(model: RepairCardModel, labels: PrintLabels): Content {
  const signed = model.signOff ? `${model.signOff.name}  ${formatInstant(model.signOff.at, model.timeZone)}` : null;
  return {
    columns: [
      { width: '*', text: model.signOff ? '' : labels.repairCard.notSignedOff, color: MUTED, margin: [0, 18, 0, 0] },
      signatureLine(labels.repairCard.signOff, 190, signed),
    ],
    margin: [0, 4, 0, 0],
    unbreakable: true,
  };
}

function amendments(model: RepairCardModel, labels: PrintLabels): Content[] {
  if (model.amendments.length === 0) return [];
  return [
    { text: labels.repairCard.amendments, style: 'section' },
    {
      ul: model.amendments.map((a) => ({ text: [{ text: `${formatInstant(a.at, model.timeZone)} ${a.by}：`, color: MUTED }, a.text] })),
    },
  ];
}
