import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReceiptModel, ReceiptPaper } from '../../../src-shared/print/form-models';
import { barcode } from './barcode';
import { A5_PORTRAIT, baseDocument, branchBlock, fieldsTable, reprintMark, ROLL_80MM, ROLL_80MM_WIDTH, signatureLine } from './common';
import { formatInstant, formatYuan, yuanInWords } from './format';
import { fill, printLabels, type PrintLabels } from './labels';

/**
 * 客户商品领取收据: given to the customer when the product is taken to the shop, taken back and voided
 * when it is returned. On the 80 mm thermal roll (one long page) or on A5, as chosen in the settings.
 * The receipt number is printed as text, as a Code 128 barcode and (on A5) as a QR code, so it can be
 * scanned when the goods come back.
 */
export function buildReceipt(model: ReceiptModel, paper: ReceiptPaper, labels: PrintLabels = printLabels(model.language)): TDocumentDefinitions {
  const isRoll = paper === 'roll80mm';
  const setup = isRoll ? ROLL_80MM : A5_PORTRAIT;
  const contentWidth = isRoll ? ROLL_80MM_WIDTH - setup.pageMargins[0] - setup.pageMargins[2] : 419.53 - setup.pageMargins[0] - setup.pageMargins[2];
  const copy = model.copy === 'customer' ? labels.receipt.customerCopy : labels.receipt.shopCopy;

  const content: Content[] = [
    ...reprintMark(model, labels),
    isRoll ? branchBlock(model.branch, labels, 'center') : headerA5(model, labels, copy),
    { text: labels.receipt.title, style: 'title', fontSize: isRoll ? 13 : 16, margin: [0, 6, 0, 0] },
    ...(isRoll ? [{ text: `【${copy}】`, alignment: 'center', bold: true, margin: [0, 0, 0, 4] } satisfies Content] : []),
    numberBlock(model, labels, isRoll, isRoll ? contentWidth : 220),
    fieldsTable(receiptFields(model, labels), isRoll ? 58 : 80),
    ...feeBlock(model, labels),
    { text: labels.receipt.exclusionsTitle, bold: true, fontSize: isRoll ? 7.5 : 8, margin: [0, 6, 0, 1] },
    { text: model.warrantyExclusions || labels.receipt.exclusionsDefault, style: 'muted', fontSize: isRoll ? 7 : 8 },
    { text: labels.receipt.notice, fontSize: isRoll ? 7.5 : 8.5, bold: true, margin: [0, 4, 0, 0] },
    signatures(model, labels, isRoll, contentWidth),
    ...(isRoll ? [rollFooter(model, labels)] : []),
  ];
  // The roll is one long page: a page footer would land wherever the content ends, so it is part of the content.
  return baseDocument(model, labels, setup, `${labels.receipt.title} ${model.receiptNumber}`, content, !isRoll);
}

function headerA5(model: ReceiptModel, labels: PrintLabels, copy: string): Content {
  return {
    columns: [
      branchBlock(model.branch, labels),
      {
        width: 'auto',
        table: { body: [[{ text: copy, bold: true, fontSize: 10, margin: [6, 2, 6, 2] }]] },
        layout: { hLineWidth: () => 1, vLineWidth: () => 1 },
      },
    ],
    columnGap: 8,
  };
}

function numberBlock(model: ReceiptModel, labels: PrintLabels, isRoll: boolean, barcodeWidth: number): Content {
  const numberText: Content = { text: `${labels.common.receiptNumber}  ${model.receiptNumber}`, bold: true, alignment: 'center', fontSize: 10, margin: [0, 1, 0, 4] };
  if (isRoll) return { stack: [barcode(model.receiptNumber, barcodeWidth * 0.92), numberText], margin: [0, 2, 0, 2] };
  return {
    columns: [
      { width: '*', stack: [barcode(model.receiptNumber, barcodeWidth), numberText], margin: [0, 8, 0, 0] },
      { width: 'auto', qr: model.receiptNumber, fit: 70, eccLevel: 'M' },
    ],
    columnGap: 10,
    margin: [0, 4, 0, 4],
  };
}

function receiptFields(model: ReceiptModel, labels: PrintLabels): Array<[string, string]> {
  return [
    [labels.receipt.issuedAt, formatInstant(model.issuedAt, model.timeZone)],
    ...(model.callNumber ? [[labels.common.callNumber, model.callNumber] satisfies [string, string]] : []),
    [labels.common.customer, model.customer.name],
    [labels.common.phone, model.customer.phone],
    [labels.common.productModel, model.product.model],
    [labels.common.serial, model.product.serial],
    [labels.common.fault, model.fault],
    [labels.receipt.condition, model.condition],
    [labels.receipt.accessories, model.accessories || labels.common.none],
    [labels.receipt.promisedDate, model.promisedDate],
    ...(model.receivedBy ? [[labels.receipt.receivedBy, model.receivedBy] satisfies [string, string]] : []),
  ];
}

function feeBlock(model: ReceiptModel, labels: PrintLabels): Content[] {
  if (model.estimatedFeeFen === null) return [];
  return [
    {
      margin: [0, 3, 0, 0],
      text: [
        { text: `${labels.receipt.estimatedFee}  `, style: 'label' },
        { text: `¥${formatYuan(model.estimatedFeeFen)}`, bold: true },
        { text: `  ${labels.common.amountInWords} ${yuanInWords(model.estimatedFeeFen)}` },
      ],
    },
  ];
}

function signatures(model: ReceiptModel, labels: PrintLabels, isRoll: boolean, contentWidth: number): Content {
  if (isRoll) {
    return {
      stack: [signatureLine(labels.receipt.customerSignature, contentWidth), signatureLine(labels.receipt.shopSignature, contentWidth, model.receivedBy)],
      margin: [0, 4, 0, 0],
    };
  }
  const width = (contentWidth - 30) / 2;
  return {
    columns: [signatureLine(labels.receipt.customerSignature, width), signatureLine(labels.receipt.shopSignature, width, model.receivedBy)],
    columnGap: 30,
    margin: [0, 14, 0, 0],
  };
}

function rollFooter(model: ReceiptModel, labels: PrintLabels): Content {
  const printed = fill(labels.common.printedAt, { time: formatInstant(model.printedAt, model.timeZone) });
  return { text: `${model.branch.name} · ${printed}`, style: 'muted', alignment: 'center', margin: [0, 8, 0, 0] };
}
