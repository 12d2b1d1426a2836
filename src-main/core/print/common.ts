import type { Column, Content, ContentTable, CustomTableLayout, DynamicContent, PageOrientation, PageSize, StyleDictionary, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { PrintBranch, PrintCommon } from '../../../src-shared/print/form-models';
import { fill, type PrintLabels } from './labels';
import { formatInstant } from './format';

/**
 * The pieces every printed form shares: page set-up, styles, the reprint mark, the footer with
 * 'page n of N', key-value blocks, ruled tables and signature lines. Pure: nothing here reads the clock,
 * the file system or the network.
 */

/** The font family the renderer registers (Noto Sans SC 400/700, subset into each PDF). */
export const PRINT_FONT = 'NotoSansSC';

/** 80 mm thermal roll: 226.77 pt wide, as long as the content. */
export const ROLL_80MM_WIDTH = 226.77;

export const INK = '#111111';
export const MUTED = '#555555';
const RULE = '#333333';
const HEADER_FILL = '#e8e8e8';

export const STYLES: StyleDictionary = {
  title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 2, 0, 2] },
  branchName: { fontSize: 11, bold: true },
  muted: { fontSize: 8, color: MUTED },
  label: { color: MUTED },
  th: { bold: true, fontSize: 8.5, fillColor: HEADER_FILL },
  section: { fontSize: 10, bold: true, margin: [0, 7, 0, 3] },
  mark: { bold: true, fontSize: 9, color: '#b00000' },
  num: { alignment: 'right' },
};

/** Thin black rules, grey header row, compact padding: how a printed form's table looks. */
export const RULED: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/** Key-value blocks: no vertical rules, light horizontal ones. */
export const FIELDS: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => RULE,
  paddingLeft: () => 2,
  paddingRight: () => 2,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

export interface PageSetup {
  pageSize: PageSize;
  pageOrientation?: PageOrientation;
  pageMargins: [number, number, number, number];
  fontSize: number;
}

export const A4_PORTRAIT: PageSetup = { pageSize: 'A4', pageMargins: [40, 40, 40, 44], fontSize: 9 };
export const A4_LANDSCAPE: PageSetup = { pageSize: 'A4', pageOrientation: 'landscape', pageMargins: [40, 36, 40, 44], fontSize: 9.5 };
export const A5_PORTRAIT: PageSetup = { pageSize: 'A5', pageMargins: [30, 30, 30, 36], fontSize: 8.5 };
export const ROLL_80MM: PageSetup = { pageSize: { width: ROLL_80MM_WIDTH, height: 'auto' }, pageMargins: [8, 8, 8, 12], fontSize: 8 };

/** The shared frame of a document: page set-up, font, styles, metadata, and the footer. */
export function baseDocument(model: PrintCommon, labels: PrintLabels, setup: PageSetup, title: string, content: Content[], withFooter = true): TDocumentDefinitions {
  const [left, top, right] = setup.pageMargins;
  return {
    pageSize: setup.pageSize,
    ...(setup.pageOrientation ? { pageOrientation: setup.pageOrientation } : {}),
    pageMargins: setup.pageMargins,
    language: model.language,
    // The print time as the creation date keeps the PDF a pure function of the model.
    info: { title, creator: 'Aftercare 售后通', producer: 'Aftercare 售后通', creationDate: new Date(model.printedAt) },
    defaultStyle: { font: PRINT_FONT, fontSize: setup.fontSize, lineHeight: 1.15, color: INK },
    styles: STYLES,
    content,
    ...(withFooter
      ? {
          footer: pageFooter(model, labels, setup.pageMargins),
          // From page 2 on, say what the page belongs to (the title carries the form's number or person and day).
          header: (currentPage: number): Content => (currentPage > 1 ? { text: title, style: 'muted', margin: [left, Math.max(top - 22, 8), right, 0] } : ''),
        }
      : {}),
  };
}

/** Printed time (and the reprint note) on the left, 'page n of N' on the right. */
export function pageFooter(model: PrintCommon, labels: PrintLabels, margins: [number, number, number, number]): DynamicContent {
  const printed = fill(labels.common.printedAt, { time: formatInstant(model.printedAt, model.timeZone) });
  return (currentPage, pageCount) => ({
    margin: [margins[0], 10, margins[2], 0],
    columns: [
      { text: model.reprintOf ? `${printed} · ${reprintText(model, labels)}` : printed, style: 'muted' },
      { text: fill(labels.common.page, { page: currentPage, pages: pageCount }), style: 'muted', alignment: 'right', width: 'auto' },
    ],
  });
}

function reprintText(model: PrintCommon, labels: PrintLabels): string {
  return fill(labels.common.reprint, {
    time: formatInstant(model.printedAt, model.timeZone),
    original: model.reprintOf ? formatInstant(model.reprintOf, model.timeZone) : '',
  });
}

/** The '重印 / reprint' mark with the time, boxed, or nothing on a first print. */
export function reprintMark(model: PrintCommon, labels: PrintLabels): Content[] {
  if (!model.reprintOf) return [];
  return [
    {
      table: { widths: ['*'], body: [[{ text: reprintText(model, labels), style: 'mark', alignment: 'center' }]] },
      layout: { hLineWidth: () => 1, vLineWidth: () => 1, hLineColor: () => '#b00000', vLineColor: () => '#b00000' },
      margin: [0, 2, 0, 4],
    },
  ];
}

/** Branch name on the first line, address and phone below. */
export function branchBlock(branch: PrintBranch, labels: PrintLabels, alignment: 'left' | 'center' = 'left'): Content {
  const phone = `${labels.common.tel} ${branch.phone}`;
  // Centred (the narrow roll): the phone gets its own line rather than wrapping mid-number.
  const lines = alignment === 'center' ? [branch.address, phone] : [`${branch.address}  ${phone}`];
  return { stack: [{ text: branch.name, style: 'branchName', alignment }, ...lines.map((text) => ({ text, style: 'muted', alignment }))] };
}

/** Label-value rows (the value may be content such as a barcode). */
export function fieldsTable(rows: Array<[string, string | Content]>, labelWidth: number): Content {
  return {
    table: {
      widths: [labelWidth, '*'],
      body: rows.map(([label, value]): TableCell[] => [{ text: label, style: 'label' }, typeof value === 'string' ? { text: value || '—' } : value]),
    },
    layout: FIELDS,
  };
}

/** Label-value pairs two to a row, then `wide` pairs whose value takes the rest of the row. */
export function fieldsGrid(pairs: Array<[string, string]>, labelWidth: number, wide: Array<[string, string]> = []): Content {
  const body: TableCell[][] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const row: TableCell[] = [];
    for (const pair of [pairs[i], pairs[i + 1]]) {
      row.push(pair ? { text: pair[0], style: 'label' } : { text: '' }, pair ? { text: pair[1] || '—' } : { text: '' });
    }
    body.push(row);
  }
  for (const [label, value] of wide) body.push([{ text: label, style: 'label' }, { text: value || '—', colSpan: 3 }, {}, {}]);
  return { table: { widths: [labelWidth, '*', labelWidth, '*'], body }, layout: FIELDS };
}

/** A header cell. */
export function th(text: string, alignment: 'left' | 'right' | 'center' = 'left'): TableCell {
  return { text, style: 'th', alignment };
}

/** A right-aligned number cell. */
export function num(text: string | number, bold = false): TableCell {
  return { text: String(text), alignment: 'right', bold };
}

/** A ruled table with a repeated header row; `empty` fills a single row when there are no lines. */
export function ruledTable(widths: Array<number | '*' | 'auto'>, header: TableCell[], rows: TableCell[][], empty: string, footerRows: TableCell[][] = []): ContentTable {
  const bodyRows = rows.length > 0 ? rows : [[{ text: empty, colSpan: header.length, alignment: 'center', color: MUTED }, ...header.slice(1).map(() => ({}))]];
  return { table: { headerRows: 1, dontBreakRows: true, widths, body: [header, ...bodyRows, ...footerRows] }, layout: RULED };
}

/**
 * A line to sign on, with its label below and, when already signed, the name (and time) above the line.
 * `width` is the length of the line in pt.
 */
export function signatureLine(label: string, width: number, signed: string | null = null, image: string | null = null): Column {
  return {
    width,
    stack: [
      image ? { image, fit: [width, 28], margin: [0, 0, 0, 1] } : { text: signed ?? ' ', margin: [0, 16, 0, 1], alignment: 'center' },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6, lineColor: INK }] },
      { text: label, style: 'muted', margin: [0, 2, 0, 0] },
    ],
  };
}

/** A data URL of a PNG that at least has a PNG header and an image header chunk (a bad one would abort the whole print). */
export function isPrintablePng(dataUrl: string | null): dataUrl is string {
  if (!dataUrl) return false;
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  if (!match) return false;
  const bytes = Buffer.from(match[1]!, 'base64');
  return bytes.length >= 67 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR';
}
