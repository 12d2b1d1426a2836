import { SERVICE_CATEGORIES, type ServiceCategory } from './categories';

/**
 * The totals printed on the daily reports, always computed from the lines (never typed in), so the
 * printed totals are the sums of the labour lines by construction.
 */

/** Minutes per service category A-D and their sum. */
export type CategoryTotals = Record<ServiceCategory, number> & { total: number };

export function emptyTotals(): CategoryTotals {
  return { A: 0, B: 0, C: 0, D: 0, total: 0 };
}

/** Sums the minutes of the lines per category (技术员工作日报表). Lines with an unknown category throw. */
export function totalsByCategory(lines: ReadonlyArray<{ category: ServiceCategory; minutes: number }>): CategoryTotals {
  const totals = emptyTotals();
  for (const line of lines) {
    if (!SERVICE_CATEGORIES.includes(line.category)) throw new RangeError(`Unknown service category: ${String(line.category)}`);
    totals[line.category] += line.minutes;
    totals.total += line.minutes;
  }
  return totals;
}

/** A row's total across the four categories. */
export function rowTotal(row: Readonly<Record<ServiceCategory, number>>): number {
  return row.A + row.B + row.C + row.D;
}

/** Column totals of the supervisor report's rows (each row is one technician's minutes per category). */
export function totalsOfRows(rows: ReadonlyArray<Readonly<Record<ServiceCategory, number>>>): CategoryTotals {
  const totals = emptyTotals();
  for (const row of rows) {
    for (const category of SERVICE_CATEGORIES) totals[category] += row[category];
    totals.total += rowTotal(row);
  }
  return totals;
}
