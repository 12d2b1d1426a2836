import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { SERVICE_CATEGORIES } from '../../../src-shared/domain/categories';
import { totalsByCategory, type CategoryTotals } from '../../../src-shared/domain/report-totals';
import type { TechnicianDayModel } from '../../../src-shared/print/form-models';
import { A4_PORTRAIT, baseDocument, branchBlock, fieldsGrid, num, reprintMark, ruledTable, signatureLine, th } from './common';
import { formatHoursMinutes, formatInstant } from './format';
import { printLabels, type PrintLabels } from './labels';

/**
 * 技术员工作日报表 on A4: one technician's day, each job or task with its category (A-D) and minutes,
 * then the totals by category, computed from the lines by `totalsByCategory` (never carried in the
 * model), and the signature lines. Long days run onto more pages under a repeated header.
 */
export function buildTechnicianDay(model: TechnicianDayModel, labels: PrintLabels = printLabels(model.language)): TDocumentDefinitions {
  const totals = totalsByCategory(model.lines);
  const content: Content[] = [
    ...reprintMark(model, labels),
    branchBlock(model.branch, labels),
    { text: labels.technicianDay.title, style: 'title', margin: [0, 10, 0, 8] },
    fieldsGrid(
      [
        [labels.technicianDay.technician, `${model.technician.name} (${model.technician.code})`],
        [labels.technicianDay.date, model.date],
      ],
      60,
      [[labels.technicianDay.confirmedAt, model.confirmedAt ? formatInstant(model.confirmedAt, model.timeZone) : labels.technicianDay.notConfirmed]],
    ),
    { text: ' ', margin: [0, 4, 0, 0] },
    linesTable(model, labels, totals),
    { text: labels.technicianDay.totalsByCategory, style: 'section', margin: [0, 12, 0, 4] },
    totalsTable(totals, labels),
    signatures(model, labels),
  ];
  return baseDocument(model, labels, A4_PORTRAIT, `${labels.technicianDay.title} ${model.technician.name} ${model.date}`, content);
}

function linesTable(model: TechnicianDayModel, labels: PrintLabels, totals: CategoryTotals): Content {
  const header = [
    th('#', 'right'),
    th(labels.technicianDay.time),
    th(labels.common.callNumber),
    th(labels.technicianDay.description),
    th(labels.common.category, 'center'),
    th(labels.common.minutes, 'right'),
  ];
  const rows: TableCell[][] = model.lines.map((line, i) => [
    num(i + 1),
    { text: line.time ?? '—' },
    { text: line.callNumber ?? '—', fontSize: 8 },
    { text: line.description },
    { text: line.category, alignment: 'center', bold: true },
    num(line.minutes),
  ]);
  const footer: TableCell[][] = [[{ text: labels.common.total, colSpan: 5, alignment: 'right', bold: true }, {}, {}, {}, {}, num(totals.total, true)]];
  return ruledTable([18, 34, 86, '*', 30, 44], header, rows, labels.technicianDay.noLines, footer);
}

/** One column per category and the day's total, in minutes and as hours:minutes. */
export function totalsTable(totals: CategoryTotals, labels: PrintLabels): Content {
  const header = [th(''), ...SERVICE_CATEGORIES.map((c) => th(`${c} ${labels.categories[c]}`, 'right')), th(labels.common.total, 'right')];
  const minutesRow: TableCell[] = [{ text: labels.common.minutes }, ...SERVICE_CATEGORIES.map((c) => num(totals[c])), num(totals.total, true)];
  const hoursRow: TableCell[] = [{ text: labels.common.hours }, ...SERVICE_CATEGORIES.map((c) => num(formatHoursMinutes(totals[c]))), num(formatHoursMinutes(totals.total), true)];
  return { ...ruledTable([50, '*', '*', '*', '*', 60], header, [minutesRow, hoursRow], ''), unbreakable: true };
}

function signatures(model: TechnicianDayModel, labels: PrintLabels): Content {
  const technicianSigned = model.confirmedAt ? `${model.technician.name}  ${formatInstant(model.confirmedAt, model.timeZone)}` : null;
  return {
    columns: [signatureLine(labels.technicianDay.technicianSignature, 200, technicianSigned), { text: '', width: '*' }, signatureLine(labels.technicianDay.supervisorSignature, 200)],
    margin: [0, 24, 0, 0],
    unbreakable: true,
  };
}
