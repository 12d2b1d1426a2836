import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { SERVICE_CATEGORIES } from '../../../src-shared/domain/categories';
import { rowTotal, totalsOfRows } from '../../../src-shared/domain/report-totals';
import type { PrintSignOff, SupervisorDayCounts, SupervisorDayModel } from '../../../src-shared/print/form-models';
import { A4_LANDSCAPE, baseDocument, branchBlock, num, reprintMark, ruledTable, signatureLine, th } from './common';
import { formatHoursMinutes, formatInstant } from './format';
import { printLabels, type PrintLabels } from './labels';

/**
 * 服务主任日报表 on A4 landscape: the branch's day. Hours by technician and category (row and column
 * totals computed here from the rows), the day's call counts, and signature lines for the service
 * supervisor and the branch manager.
 */
export function buildSupervisorDay(model: SupervisorDayModel, labels: PrintLabels = printLabels(model.language)): TDocumentDefinitions {
  const content: Content[] = [
    ...reprintMark(model, labels),
    {
      columns: [
        branchBlock(model.branch, labels),
        { width: 'auto', text: `${labels.supervisorDay.date}  ${model.date}`, bold: true, fontSize: 11, margin: [0, 4, 0, 0] },
      ],
    },
    { text: labels.supervisorDay.title, style: 'title', margin: [0, 8, 0, 8] },
    { text: labels.supervisorDay.hoursByTechnician, style: 'section' },
    hoursTable(model, labels),
    { text: labels.supervisorDay.counts, style: 'section', margin: [0, 14, 0, 4] },
    countsTable(model.counts, labels),
    signatures(model, labels),
  ];
  return baseDocument(model, labels, A4_LANDSCAPE, `${labels.supervisorDay.title} ${model.branch.code} ${model.date}`, content);
}

function hoursTable(model: SupervisorDayModel, labels: PrintLabels): Content {
  const header = [
    th(labels.common.technician),
    ...SERVICE_CATEGORIES.map((c) => th(`${c} ${labels.categories[c]}`, 'right')),
    th(labels.common.total, 'right'),
  ];
  const rows: TableCell[][] = model.rows.map((row) => [
    { text: `${row.technicianName} (${row.technicianCode})` },
    ...SERVICE_CATEGORIES.map((c) => num(formatHoursMinutes(row[c]))),
    num(formatHoursMinutes(rowTotal(row)), true),
  ]);
  const totals = totalsOfRows(model.rows);
  const footer: TableCell[][] = [
    [{ text: labels.common.total, bold: true }, ...SERVICE_CATEGORIES.map((c) => num(formatHoursMinutes(totals[c]), true)), num(formatHoursMinutes(totals.total), true)],
  ];
  return ruledTable(['*', 90, 90, 90, 90, 90], header, rows, labels.supervisorDay.noRows, footer);
}

const COUNT_KEYS = ['received', 'dispatched', 'finishedOnSite', 'takenIn', 'returned', 'late', 'openAtDayEnd'] as const satisfies ReadonlyArray<keyof SupervisorDayCounts>;

function countsTable(counts: SupervisorDayCounts, labels: PrintLabels): Content {
  const header = COUNT_KEYS.map((key) => th(labels.supervisorDay[key], 'center'));
  const values: TableCell[] = COUNT_KEYS.map((key) => ({ text: String(counts[key]), alignment: 'center', fontSize: 12, bold: key === 'late' && counts.late > 0 }));
  return { ...ruledTable(COUNT_KEYS.map(() => '*'), header, [values], ''), unbreakable: true };
}

function signed(signOff: PrintSignOff | null, zone: string): string | null {
  return signOff ? `${signOff.name}  ${formatInstant(signOff.at, zone)}` : null;
}

function signatures(model: SupervisorDayModel, labels: PrintLabels): Content {
  const { supervisor, manager } = model.signatures;
  return {
    columns: [
      signatureLine(labels.supervisorDay.supervisorSignature, 240, signed(supervisor, model.timeZone)),
      { text: '', width: '*' },
      signatureLine(labels.supervisorDay.managerSignature, 240, signed(manager, model.timeZone)),
    ],
    margin: [0, 28, 0, 0],
    unbreakable: true,
  };
}
